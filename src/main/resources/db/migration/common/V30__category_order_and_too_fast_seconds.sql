-- The categories in the order the eval set's set.json lists them, as a JSON list of
-- strings; null when it lists none. Results show categories in this order, those not
-- listed after them in order of first appearance.
alter table eval_set add column category_order varchar(20000);

-- A rater whose median seconds per judgment is below this is flagged "too fast"; 0 flags
-- nobody. Studies made before keep the former fixed threshold.
alter table study add column too_fast_seconds int default 5 not null;
