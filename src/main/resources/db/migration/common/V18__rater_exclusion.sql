-- A rater an admin left out of the results, and why. While a row exists the rater's judgments count neither
-- toward their tasks' k (task.accepted) nor in any figure; they stay in the exports, marked excluded.
-- Written by the exclusion feature only.
create table rater_exclusion (
	rater_id bigint primary key references rater (id) on delete cascade,
	study_id bigint not null references study (id) on delete cascade,
	reason varchar(2000) not null,
	excluded_at timestamp with time zone not null
);

create index ix_rater_exclusion_study on rater_exclusion (study_id);
