package dev.pairwise.output;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class OutputRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	OutputRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Optional<Long> findModelId(String name) {
		return this.jdbc.sql("select id from model where name = ?").param(name).query(Long.class).optional();
	}

	long findOrCreateModel(String name) {
		return findModelId(name).orElseGet(() -> {
			try {
				GeneratedKeyHolder key = new GeneratedKeyHolder();
				this.jdbc.sql("insert into model (name, created_at) values (?, ?)")
					.params(name, Timestamp.from(Instant.now()))
					.update(key, "id");
				return key.getKey().longValue();
			}
			catch (DuplicateKeyException ex) {
				return findModelId(name).orElseThrow();
			}
		});
	}

	/** The item ids (database ids) that already have an output of this model. */
	Set<Long> itemsWithOutput(long evalSetId, long modelId) {
		return new HashSet<>(this.jdbc.sql("""
				select o.item_id from output o join item i on i.id = o.item_id
				where i.eval_set_id = ? and o.model_id = ?""").params(evalSetId, modelId).query(Long.class).list());
	}

	int countOutputs(long evalSetId, long modelId) {
		return this.jdbc.sql("""
				select count(*) from output o join item i on i.id = o.item_id
				where i.eval_set_id = ? and o.model_id = ?""").params(evalSetId, modelId).query(Integer.class).single();
	}

	void insert(List<NewOutput> outputs) {
		this.batch.batchUpdate(
				"insert into output (item_id, model_id, text, text_length, meta, context) values (?, ?, ?, ?, ?, ?)",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						NewOutput output = outputs.get(i);
						ps.setLong(1, output.itemId());
						ps.setLong(2, output.modelId());
						ps.setString(3, output.text());
						ps.setInt(4, output.text().codePointCount(0, output.text().length()));
						ps.setString(5, output.metaJson());
						ps.setString(6, output.contextJson());
					}

					@Override
					public int getBatchSize() {
						return outputs.size();
					}

				});
	}

	void delete(long modelId, List<Long> itemIds) {
		this.batch.batchUpdate("delete from output where model_id = ? and item_id = ?",
				itemIds.stream().map((itemId) -> new Object[] { modelId, itemId }).toList());
	}

	/** Deletes the outputs on the set's items, of one model or (null) of every model. */
	void deleteOnEvalSet(long evalSetId, String model) {
		String byModel = (model != null) ? " and model_id in (select id from model where name = ?)" : "";
		List<Object> params = (model != null) ? List.of(evalSetId, model) : List.of(evalSetId);
		this.jdbc.sql("delete from output_count where eval_set_id = ?" + byModel).params(params).update();
		this.jdbc.sql("delete from output where item_id in (select id from item where eval_set_id = ?)" + byModel)
			.params(params)
			.update();
	}

	/** Deletes the models that have no output left and that no study names. */
	void deleteModelsWithoutOutputs() {
		this.jdbc.sql("""
				delete from model where not exists (select 1 from output o where o.model_id = model.id)
				and not exists (select 1 from study_model sm where sm.model_id = model.id)
				and not exists (select 1 from study s where s.baseline_model_id = model.id)
				and not exists (select 1 from task_flag f where model.id in (f.left_model_id, f.right_model_id))""")
			.update();
	}

	/**
	 * Counts the outputs of the given models on the set again, once they are stored: the
	 * lists read these counts instead of the outputs.
	 */
	void recount(long evalSetId, Collection<Long> modelIds) {
		List<Object[]> params = modelIds.stream().map((modelId) -> new Object[] { evalSetId, modelId }).toList();
		this.batch.batchUpdate("delete from output_count where eval_set_id = ? and model_id = ?", params);
		this.batch.batchUpdate("""
				insert into output_count (eval_set_id, model_id, outputs)
				select i.eval_set_id, o.model_id, count(*) from output o join item i on i.id = o.item_id
				where i.eval_set_id = ? and o.model_id = ? group by i.eval_set_id, o.model_id""", params);
	}

	/** Counts the outputs of every model on the set again. */
	void recount(long evalSetId) {
		this.jdbc.sql("delete from output_count where eval_set_id = ?").param(evalSetId).update();
		this.jdbc.sql("""
				insert into output_count (eval_set_id, model_id, outputs)
				select i.eval_set_id, o.model_id, count(*) from output o join item i on i.id = o.item_id
				where i.eval_set_id = ? group by i.eval_set_id, o.model_id""").param(evalSetId).update();
	}

	/** Counts the outputs of one model on every set again. */
	void recountModel(long modelId) {
		this.jdbc.sql("delete from output_count where model_id = ?").param(modelId).update();
		this.jdbc.sql("""
				insert into output_count (eval_set_id, model_id, outputs)
				select i.eval_set_id, o.model_id, count(*) from output o join item i on i.id = o.item_id
				where o.model_id = ? group by i.eval_set_id, o.model_id""").param(modelId).update();
	}

	/** The models with outputs on any set, by name, one page of them. */
	List<String> modelsWithOutputs(int offset, int limit) {
		return this.jdbc.sql("""
				select m.name from model m where exists (select 1 from output_count c where c.model_id = m.id)
				order by m.name offset ? rows fetch next ? rows only""")
			.params(offset, limit)
			.query(String.class)
			.list();
	}

	int countModelsWithOutputs() {
		return this.jdbc.sql("select count(distinct model_id) from output_count").query(Integer.class).single();
	}

	/**
	 * The kept counts of the given models, or (null) of every model, on one set or (null)
	 * every set.
	 */
	List<CoverageRow> coverage(Long evalSetId, List<String> models) {
		StringBuilder sql = new StringBuilder("""
				select m.name as model, c.eval_set_id, c.outputs from output_count c join model m on m.id = c.model_id
				where 1 = 1""");
		List<Object> params = new ArrayList<>();
		if (evalSetId != null) {
			sql.append(" and c.eval_set_id = ?");
			params.add(evalSetId);
		}
		if (models != null) {
			if (models.isEmpty()) {
				return List.of();
			}
			sql.append(" and m.name in (")
				.append(String.join(", ", Collections.nCopies(models.size(), "?")))
				.append(")");
			params.addAll(models);
		}
		return this.jdbc.sql(sql.append(" order by m.name, c.eval_set_id").toString())
			.params(params)
			.query((rs, row) -> new CoverageRow(rs.getString("model"), rs.getLong("eval_set_id"), rs.getInt("outputs")))
			.list();
	}

	/**
	 * {@code contextJson}: the model's own earlier answers in the item's conversation (a
	 * JSON array of strings), or null.
	 */
	record NewOutput(long itemId, long modelId, String text, String metaJson, String contextJson) {
	}

	record CoverageRow(String model, long evalSetId, int outputs) {
	}

}
