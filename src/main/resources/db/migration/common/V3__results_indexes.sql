-- Results stream a study's counted judgments in id order, so that the bootstrap sees the same
-- sequence of items on every run and on every database; this index serves that order without a sort.
create index ix_judgment_study_order on judgment (study_id, attention, id);

-- The most-disputed tasks and the judgment import look judgments up by item.
create index ix_judgment_study_item on judgment (study_id, item_id);
