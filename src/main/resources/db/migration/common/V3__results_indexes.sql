-- Results stream a study's counted judgments in id order, so that the bootstrap sees the same
-- sequence of items on every run and on every database. With id as the index's last column the
-- database reads them in that order instead of sorting a million rows. The index also serves every
-- query on (study_id, attention), so it replaces the narrower one.
create index ix_judgment_study_order on judgment (study_id, attention, id);
drop index ix_judgment_study;

-- The most-disputed tasks look judgments up by item.
create index ix_judgment_study_item on judgment (study_id, item_id);
