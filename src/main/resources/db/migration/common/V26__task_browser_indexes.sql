-- The task browser (/studies/{id}/tasks) pages through a study's tasks in id order and,
-- for each task of a page, counts its judgments, their labels and its flags. H2 indexes
-- foreign keys by itself, PostgreSQL does not: without these a filter on disagreement
-- or flags would read every judgment of the database for each task.
create index ix_task_study_browse on task (study_id, attention_kind, id);
create index ix_judgment_task on judgment (task_id, rater_id, winner, model_a_id);
create index ix_task_flag_task on task_flag (task_id);
