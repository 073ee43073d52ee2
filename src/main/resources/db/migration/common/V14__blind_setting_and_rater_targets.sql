-- Raters see an item's setting (zero-shot, chain of thought, few-shot) only when the study says so:
-- the label tells them which experimental condition they are judging.
alter table study add column show_setting boolean default false not null;

-- The target a rater was first shown when no quota bounds their work, kept so that it does not
-- shrink under them while other raters finish the pool; written by the rating feature.
create table rater_target (
	rater_id bigint not null primary key references rater (id) on delete cascade,
	target int not null
);
