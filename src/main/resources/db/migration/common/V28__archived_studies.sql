-- A closed study can be archived: hidden from the lists, still readable and exportable, restorable.
alter table study add column archived_at timestamp with time zone;
