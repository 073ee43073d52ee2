-- How many tasks of each study can still be handed out (task.open_load not null). A rater's progress needs
-- that number on every request, and counting the open tasks of a large study each time was the largest cost
-- of the rating loop. It is kept in the transaction that fills or reopens a task, so it is exact on every
-- instance; a study's count is spread over 16 shard rows (task id mod 16) so that concurrent raters seldom
-- wait for the same row, and read as their sum.
create table open_task_count (
	study_id bigint not null references study (id),
	shard int not null,
	tasks int not null,
	primary key (study_id, shard)
);

insert into open_task_count (study_id, shard, tasks)
with recursive shards (shard) as (select 0 union all select shard + 1 from shards where shard < 15)
select s.id, shards.shard,
	case when shards.shard = 0 then (select count(*) from task t where t.study_id = s.id and t.open_load >= 0) else 0 end
from study s cross join shards;
