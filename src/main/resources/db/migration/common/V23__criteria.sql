-- Issue 21: a study may ask for its answer per criterion (correctness, informativeness ...).
-- The study keeps its criteria as a JSON array [{"id", "label", "labelZh", "help"}] (null: none),
-- and whether the overall answer is asked of the rater or derived from the criteria.
alter table study add column criteria varchar(100000);
alter table study add column overall_answer varchar(10) default 'asked' not null;

-- One row per criterion a judgment answered, in the task's terms like judgment.winner:
-- model_a, model_b or tie; strength on a graded study when one side was preferred.
create table judgment_criterion (
	judgment_id bigint not null references judgment (id),
	criterion varchar(40) not null,
	winner varchar(10) not null,
	strength varchar(10),
	constraint pk_judgment_criterion primary key (judgment_id, criterion)
);
