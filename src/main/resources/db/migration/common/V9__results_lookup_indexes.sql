-- Results read the length of every output of a study's models and the key, category and setting of every item
-- of its eval set. Outputs and items keep their text in the row, so reading those few columns through the rows
-- cost 0.5-0.6 s for 50,000 outputs on H2 (1.6 s cold) and 50-90 ms for 10,000 items (0.4 s cold). With the
-- columns in an index, one model's 10,000 lengths take 15-30 ms and the items 20-30 ms (docs/benchmarks.md).
drop index ix_output_model;
create index ix_output_model on output (model_id, item_id, text_length);
create index ix_item_results on item (eval_set_id, id, item_key, category, setting);
