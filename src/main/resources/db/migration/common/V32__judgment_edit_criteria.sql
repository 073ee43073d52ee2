-- Issue 21: the audit trail of a changed answer keeps the criterion answers it replaced,
-- as JSON {"<criterion id>": {"winner": "model_a" | "model_b" | "tie", "strength": ...}}
-- in the task's terms like judgment_criterion; null when the replaced answer had none.
alter table judgment_edit add column previous_criteria varchar(20000);
