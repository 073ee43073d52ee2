-- A rater who came through a recruitment link (a participant) may owe steps before tasks; the rating loop
-- asks recruitment about them only, and reads this flag with the rater instead of looking every rater up.
alter table rater add column participant boolean default false not null;
update rater set participant = true where id in (select rater_id from participant);
