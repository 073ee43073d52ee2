package dev.pairwise.sampling;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SampleRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	SampleRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** "itemId/sample" of every stored sample of the model on the set. */
	Set<String> storedKeys(long evalSetId, String model) {
		return new HashSet<>(this.jdbc.sql("""
				select s.item_id, s.sample_index from sample s join item i on i.id = s.item_id
				where i.eval_set_id = ? and s.model = ?""")
			.params(evalSetId, model)
			.query((rs, row) -> rs.getLong("item_id") + "/" + rs.getInt("sample_index"))
			.list());
	}

	/**
	 * Deletes the samples on the set's items and the set's selections, of one model or
	 * (null) of every model.
	 */
	void deleteOnEvalSet(long evalSetId, String model) {
		String byModel = (model != null) ? " and model = ?" : "";
		List<Object> params = (model != null) ? List.of(evalSetId, model) : List.of(evalSetId);
		this.jdbc.sql("delete from sample where item_id in (select id from item where eval_set_id = ?)" + byModel)
			.params(params)
			.update();
		this.jdbc.sql("delete from sample_selection where eval_set_id = ?" + byModel).params(params).update();
	}

	void insert(List<StoredSample> samples) {
		this.batch.batchUpdate(
				"insert into sample (item_id, model, sample_index, text, logprob, meta) values (?, ?, ?, ?, ?, ?)",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						StoredSample sample = samples.get(i);
						ps.setLong(1, sample.itemId());
						ps.setString(2, sample.model());
						ps.setInt(3, sample.sample());
						ps.setString(4, sample.text());
						if (sample.logprob() != null) {
							ps.setDouble(5, sample.logprob());
						}
						else {
							ps.setNull(5, Types.DOUBLE);
						}
						ps.setString(6, sample.metaJson());
					}

					@Override
					public int getBatchSize() {
						return samples.size();
					}

				});
	}

	/** The model's samples on the set, by item in file order, then by sample index. */
	List<StoredSample> samples(long evalSetId, String model) {
		return this.jdbc.sql("""
				select s.item_id, i.item_key, s.model, s.sample_index, s.text, s.logprob, s.meta
				from sample s join item i on i.id = s.item_id
				where i.eval_set_id = ? and s.model = ? order by i.position, s.sample_index""")
			.params(evalSetId, model)
			.query((rs, row) -> new StoredSample(rs.getLong("item_id"), rs.getString("item_key"), rs.getString("model"),
					rs.getInt("sample_index"), rs.getString("text"), (Double) rs.getObject("logprob", Double.class),
					rs.getString("meta")))
			.list();
	}

	void saveSelection(long evalSetId, String model, SelectionRule rule, int items, int allDropped) {
		this.jdbc.sql("delete from sample_selection where eval_set_id = ? and model = ?")
			.params(evalSetId, model)
			.update();
		this.jdbc.sql("""
				insert into sample_selection (eval_set_id, model, rule, items, all_dropped, selected_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(evalSetId, model, rule.id(), items, allDropped, Timestamp.from(Instant.now()))
			.update();
	}

	Optional<SelectionRow> selection(long evalSetId, String model) {
		return this.jdbc.sql("""
				select s.eval_set_id, e.name, e.version, s.model, s.rule, s.items, s.all_dropped
				from sample_selection s join eval_set e on e.id = s.eval_set_id
				where s.eval_set_id = ? and s.model = ?""")
			.params(evalSetId, model)
			.query(this::selectionRow)
			.optional();
	}

	List<SelectionRow> selections() {
		return this.jdbc.sql("""
				select s.eval_set_id, e.name, e.version, s.model, s.rule, s.items, s.all_dropped
				from sample_selection s join eval_set e on e.id = s.eval_set_id
				order by e.name, e.version, s.model""").query(this::selectionRow).list();
	}

	int countSamples(long evalSetId, String model) {
		return this.jdbc.sql("""
				select count(*) from sample s join item i on i.id = s.item_id
				where i.eval_set_id = ? and s.model = ?""").params(evalSetId, model).query(Integer.class).single();
	}

	private SelectionRow selectionRow(java.sql.ResultSet rs, int row) throws SQLException {
		return new SelectionRow(rs.getLong("eval_set_id"), rs.getString("name"), rs.getString("version"),
				rs.getString("model"), SelectionRule.of(rs.getString("rule")), rs.getInt("items"),
				rs.getInt("all_dropped"));
	}

	record StoredSample(long itemId, String itemKey, String model, int sample, String text, Double logprob,
			String metaJson) {
	}

	record SelectionRow(long evalSetId, String evalSetName, String version, String model, SelectionRule rule, int items,
			int allDropped) {
	}

}
