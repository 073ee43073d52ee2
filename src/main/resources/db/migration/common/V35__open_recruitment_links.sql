-- An open recruitment link gives each visitor who arrives without a participant id a
-- generated one (remembered in a cookie), and so a rater of their own: the demo study's
-- link, or a link shared on a web page rather than through a crowd platform.
alter table recruitment_link add column generate_participant_ids boolean default false not null;
