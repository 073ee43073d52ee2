-- The progress page shows a study's reported problems newest first, one page at a time,
-- and counts them by item category: without this index PostgreSQL (which does not index
-- foreign keys by itself) would read every flag of the database for each view.
create index ix_task_flag_study on task_flag (study_id, created_at, id);
