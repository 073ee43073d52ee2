-- Issue 23: the rating loop stores a judgment and leases the next task in one transaction of a few statements,
-- and every index on judgment and assignment is rewritten by it, so each one kept must serve a query that still runs.

-- A rater who came through a recruitment link (a participant) may owe steps before tasks; the rating loop asks
-- recruitment about them only, reading this flag with the rater instead of looking every rater up.
alter table rater add column participant boolean default false not null;
update rater set participant = true where id in (select rater_id from participant);

-- Results read a study's judgments from memory after their first load, so the index that carried every column
-- results read (V8) now costs each judgment more than it saves; the first load and the exports still read a
-- study's counted judgments in id order, which the narrow index gives.
drop index ix_judgment_study_order;
create index ix_judgment_study_order on judgment (study_id, attention, id);
-- H2 indexes each foreign key by itself: judgment(rater_id) already serves the rater's count on every request,
-- and judgment(task_id) the task browser's and the task review's judgments of a task.
drop index ix_judgment_rater;
drop index ix_judgment_task;

-- What stays on judgment, and why:
-- uq_judgment_assignment (assignment_id): one judgment per assignment, which makes an answer idempotent.
-- ix_judgment_study_order (study_id, attention, id): results' first load and the exports, in id order.
-- ix_judgment_study_item (study_id, item_id): results' judgments of one item (ResultsRepository, item detail).
-- The foreign keys' own indexes (study, task, assignment, rater, item, model_a, model_b): the keys guard rows
--   that other features delete (a study, an eval set's items, a model without outputs), and H2 keeps an index
--   for each; rater_id serves the rater's judgment count, task_id the task browser and review.
-- And on assignment:
-- uq_assignment_task_rater (task_id, rater_id): never the same task twice to a rater; the claim's not-held test.
-- ix_assignment_rater_state (rater_id, state): the rater's current lease, skips and held tasks.
-- ix_assignment_state_expiry (state, expires_at): the lease sweeper's expired leases.
-- The foreign keys' own indexes (study, task, rater) for the keys that cascade a study's deletion.
