-- Counts the admin list pages show, kept when items and outputs are imported or deleted
-- (by the feature that writes those rows), so that a page costs the same whether a set
-- has a hundred items or a million: counting them on every view made the home page,
-- /eval-sets and /models take seconds each for a large set.

-- The items of each eval set by category and by setting; first_position orders them as
-- the file first lists them.
create table eval_set_count (
	eval_set_id bigint not null references eval_set (id),
	kind varchar(10) not null,
	label varchar(100) not null,
	items int not null,
	first_position int not null,
	primary key (eval_set_id, kind, label)
);

insert into eval_set_count (eval_set_id, kind, label, items, first_position)
select eval_set_id, 'category', category, count(*), min(position) from item group by eval_set_id, category;

insert into eval_set_count (eval_set_id, kind, label, items, first_position)
select eval_set_id, 'setting', setting, count(*), min(position) from item group by eval_set_id, setting;

-- How many outputs each model has on each eval set.
create table output_count (
	eval_set_id bigint not null references eval_set (id),
	model_id bigint not null references model (id),
	outputs int not null,
	primary key (eval_set_id, model_id)
);

create index ix_output_count_model on output_count (model_id);

insert into output_count (eval_set_id, model_id, outputs)
select i.eval_set_id, o.model_id, count(*) from output o join item i on i.id = o.item_id
group by i.eval_set_id, o.model_id;
