-- Which model the flagging rater saw as Response 1 and Response 2, so that "Response 2 is cut
-- off" can be traced to a model. Null for flags made before this column existed.
alter table task_flag add column left_model_id bigint references model (id);
alter table task_flag add column right_model_id bigint references model (id);
