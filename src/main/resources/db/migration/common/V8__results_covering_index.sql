-- Results read every counted judgment of a study in id order. With the columns they read in the index
-- as well, the database reads the index alone instead of looking each row up by its key: on H2, the
-- results query over a million judgments took 2.4 s instead of 5.3 s on a cold start and 1.2 s instead
-- of 1.8 s warm (docs/benchmarks.md).
drop index ix_judgment_study_order;
create index ix_judgment_study_order on judgment (study_id, attention, id, item_id, model_a_id, model_b_id, winner,
	left_is_a, fail_a, fail_b, elapsed_ms, judge, source);
