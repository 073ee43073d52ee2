-- Instances sharing a database take this row's lock while they do their start-up work (admin account,
-- bundled eval sets, demo study), so that two instances starting at once do not both load the same set.
create table startup_lock (
	name varchar(50) primary key
);

insert into startup_lock (name) values ('startup');
