package dev.pairwise.results;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.results.stats.AttentionScore;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL behind results and exports. Judgments are streamed row by row (a large fetch
 * size, so PostgreSQL uses a cursor instead of loading a million rows), never collected
 * into a list.
 */
@Repository
class ResultsRepository {

	private static final int FETCH_SIZE = 5000;

	/**
	 * Ids per query when reading judgments by id, well within any driver's parameter
	 * limit.
	 */
	private static final int ID_LIST_CHUNK = 1000;

	private static final String COUNTED_JUDGMENTS = "select id, item_id, model_a_id, model_b_id, winner, left_is_a,"
			+ " fail_a, fail_b, elapsed_ms, judge, source from judgment where study_id = :study and attention = false";

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final JdbcTemplate batch;

	private final boolean h2;

	private final TransactionTemplate readOnly;

	ResultsRepository(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions)
			throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.batch = batch;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		JdbcTemplate template = new JdbcTemplate(batch.getDataSource());
		template.setFetchSize(FETCH_SIZE);
		this.streaming = JdbcClient.create(template);
		this.h2 = "H2"
			.equals(JdbcUtils.extractDatabaseMetaData(batch.getDataSource(), DatabaseMetaData::getDatabaseProductName));
	}

	/** The study's models by database id, in the study's order. */
	Map<Long, String> studyModels(long studyId) {
		Map<Long, String> models = new LinkedHashMap<>();
		this.jdbc.sql("""
				select m.id, m.name from study_model sm join model m on m.id = sm.model_id
				where sm.study_id = ? order by sm.position""").param(studyId).query((rs) -> {
			models.put(rs.getLong("id"), rs.getString("name"));
		});
		return models;
	}

	/** Every item of the eval set by database id. */
	Map<Long, ItemInfo> items(long evalSetId) {
		Map<Long, ItemInfo> items = new HashMap<>();
		this.jdbc.sql("select id, item_key, category, setting from item where eval_set_id = ?")
			.param(evalSetId)
			.query((rs) -> {
				items.put(rs.getLong("id"),
						new ItemInfo(rs.getString("item_key"), rs.getString("category"), rs.getString("setting")));
			});
		return items;
	}

	/** The number of outputs of each of the given models that has any. */
	Map<Long, Integer> outputCounts(Collection<Long> modelIds) {
		Map<Long, Integer> counts = new HashMap<>();
		this.jdbc.sql("select model_id, count(*) from output where model_id in (:models) group by model_id")
			.param("models", modelIds)
			.query((rs) -> {
				counts.put(rs.getLong(1), rs.getInt(2));
			});
		return counts;
	}

	/**
	 * Output lengths in characters of the given models, by model id and item id. One
	 * range of the output index per model: a join of outputs with the eval set's items
	 * reads every output row, text included.
	 */
	Map<Long, Map<Long, Integer>> outputLengths(Collection<Long> modelIds) {
		Map<Long, Map<Long, Integer>> lengths = new HashMap<>();
		for (long modelId : modelIds) {
			Map<Long, Integer> ofModel = new HashMap<>();
			this.jdbc.sql("select item_id, text_length from output where model_id = ?").param(modelId).query((rs) -> {
				ofModel.put(rs.getLong(1), rs.getInt(2));
			});
			lengths.put(modelId, ofModel);
		}
		return lengths;
	}

	boolean hasCountedJudgments(long studyId) {
		return !this.jdbc.sql("select 1 from judgment where study_id = ? and attention = false fetch first 1 rows only")
			.param(studyId)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	/** Streams the study's counted judgments, of every source, in id order. */
	void forEachJudgment(long studyId, RowHandler handler) {
		lazily(() -> this.streaming.sql(COUNTED_JUDGMENTS + " order by study_id, attention, id")
			.param("study", studyId)
			.query((rs) -> {
				handler.handle(judgmentRow(rs));
			}));
	}

	/** The given judgments of the study, as far as they are counted. */
	void forEachJudgment(long studyId, Collection<Long> ids, RowHandler handler) {
		List<Long> all = List.copyOf(ids);
		for (int from = 0; from < all.size(); from += ID_LIST_CHUNK) {
			this.jdbc.sql(COUNTED_JUDGMENTS + " and id in (:ids)")
				.param("study", studyId)
				.param("ids", all.subList(from, Math.min(all.size(), from + ID_LIST_CHUNK)))
				.query((rs) -> {
					handler.handle(judgmentRow(rs));
				});
		}
	}

	/**
	 * By position: looking a column up by name costs a tenth of reading a million rows.
	 */
	private static JudgmentRow judgmentRow(ResultSet rs) throws SQLException {
		boolean leftIsA = rs.getBoolean(6);
		Boolean left = rs.wasNull() ? null : leftIsA;
		long elapsed = rs.getLong(9);
		long elapsedMs = rs.wasNull() ? -1 : elapsed;
		return new JudgmentRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), left,
				rs.getBoolean(7), rs.getBoolean(8), elapsedMs, rs.getString(10), rs.getString(11));
	}

	/** Attention-check scores of the study's raters, by judge label. */
	Map<String, AttentionScore> attentionScores(long studyId) {
		Map<String, AttentionScore> scores = new HashMap<>();
		this.jdbc.sql("""
				select judge, count(*) as total, sum(case when attention_correct then 1 else 0 end) as correct
				from judgment where study_id = ? and attention = true group by judge""").param(studyId).query((rs) -> {
			scores.put(rs.getString("judge"), new AttentionScore(rs.getInt("correct"), rs.getInt("total")));
		});
		return scores;
	}

	/** The counted judgments of one task (item, unordered model pair), oldest first. */
	List<TaskJudgment> taskJudgments(long studyId, long itemId, long firstModel, long secondModel, String source) {
		return this.jdbc
			.sql("""
					select j.judge, j.source, j.winner, j.model_a_id, j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason,
					  j.elapsed_ms from judgment j
					where j.study_id = :study and j.item_id = :item and j.attention = false
					  and ((j.model_a_id = :first and j.model_b_id = :second) or (j.model_a_id = :second and j.model_b_id = :first))
					  and (cast(:source as varchar(100)) is null or j.source = :source)
					order by j.id""")
			.param("study", studyId)
			.param("item", itemId)
			.param("first", firstModel)
			.param("second", secondModel)
			.param("source", source)
			.query((rs, row) -> {
				boolean firstIsA = rs.getLong("model_a_id") == firstModel;
				boolean leftIsA = rs.getBoolean("left_is_a");
				Boolean firstOnLeft = rs.wasNull() ? null : (leftIsA == firstIsA);
				long elapsed = rs.getLong("elapsed_ms");
				Long elapsedMs = rs.wasNull() ? null : elapsed;
				return new TaskJudgment(rs.getString("judge"), rs.getString("source"),
						TaskJudgment.label(rs.getString("winner"), firstIsA), rs.getString("winner").equals("both-bad"),
						firstOnLeft, firstIsA ? rs.getBoolean("fail_a") : rs.getBoolean("fail_b"),
						firstIsA ? rs.getBoolean("fail_b") : rs.getBoolean("fail_a"), rs.getString("strength"),
						rs.getString("reason"), elapsedMs);
			})
			.list();
	}

	/**
	 * Streams the export rows of the study's counted judgments, oldest first.
	 */
	void forEachExportRow(long studyId, String source, ExportHandler handler) {
		lazily(() -> this.streaming
			.sql("""
					select i.item_key, i.category, i.setting, ma.name as model_a, mb.name as model_b, j.winner, j.judge,
					  j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason, j.elapsed_ms, j.created_at, j.source
					from judgment j join item i on i.id = j.item_id join model ma on ma.id = j.model_a_id
					  join model mb on mb.id = j.model_b_id
					where j.study_id = :study and j.attention = false and (cast(:source as varchar(100)) is null or j.source = :source)
					order by j.study_id, j.attention, j.id""")
			.param("study", studyId)
			.param("source", source)
			.query((rs) -> {
				handler.handle(exportRow(rs));
			}));
	}

	/**
	 * Runs a streaming query with H2's lazy execution on, so that H2 hands rows over as
	 * it reads them instead of first buffering the whole result (to a temporary file
	 * beyond a few thousand rows), which halves the time to read a million judgments.
	 * Must run in a transaction, so that the setting and the query share the connection;
	 * it is reset before the connection goes back to the pool. PostgreSQL streams through
	 * the fetch size instead.
	 */
	private void lazily(Runnable query) {
		this.readOnly.executeWithoutResult((status) -> {
			if (!this.h2) {
				query.run();
				return;
			}
			this.batch.execute("set lazy_query_execution true");
			try {
				query.run();
			}
			finally {
				this.batch.execute("set lazy_query_execution false");
			}
		});
	}

	private static ExportRow exportRow(ResultSet rs) throws SQLException {
		boolean leftIsA = rs.getBoolean("left_is_a");
		Boolean left = rs.wasNull() ? null : leftIsA;
		long elapsed = rs.getLong("elapsed_ms");
		Long elapsedMs = rs.wasNull() ? null : elapsed;
		Timestamp created = rs.getTimestamp("created_at");
		return new ExportRow(rs.getString("item_key"), rs.getString("category"), rs.getString("setting"),
				rs.getString("model_a"), rs.getString("model_b"), rs.getString("winner"), rs.getString("judge"), left,
				rs.getBoolean("fail_a"), rs.getBoolean("fail_b"), rs.getString("strength"), rs.getString("reason"),
				elapsedMs, created.toInstant(), rs.getString("source"));
	}

	/** Item ids of the eval set by item key, for imports. */
	Map<String, ItemRef> itemsByKey(long evalSetId) {
		Map<String, ItemRef> items = new HashMap<>();
		this.jdbc.sql("select id, item_key, category, setting from item where eval_set_id = ?")
			.param(evalSetId)
			.query((rs) -> {
				items.put(rs.getString("item_key"),
						new ItemRef(rs.getLong("id"), rs.getString("category"), rs.getString("setting")));
			});
		return items;
	}

	/** The study's (non-attention) task ids by item id and ordered model pair. */
	Map<TaskKey, Long> tasks(long studyId) {
		Map<TaskKey, Long> tasks = new HashMap<>();
		this.jdbc
			.sql("select id, item_id, model_a_id, model_b_id from task where study_id = ? and attention_kind is null")
			.param(studyId)
			.query((rs) -> {
				long modelA = rs.getLong("model_a_id");
				long modelB = rs.getLong("model_b_id");
				tasks.put(new TaskKey(rs.getLong("item_id"), Math.min(modelA, modelB), Math.max(modelA, modelB)),
						rs.getLong("id"));
			});
		return tasks;
	}

	/**
	 * Inserts one batch; every parameter is set with its SQL type, so that a null does
	 * not send the driver looking up parameter metadata row after row.
	 */
	void insertImported(long studyId, List<ImportedJudgment> judgments, String source) {
		Timestamp now = Timestamp.from(Instant.now());
		this.batch.batchUpdate("""
				insert into judgment (study_id, task_id, item_id, model_a_id, model_b_id, winner, left_is_a, fail_a,
				  fail_b, strength, reason, elapsed_ms, judge, source, attention, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""", new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				ImportedJudgment judgment = judgments.get(i);
				ps.setLong(1, studyId);
				ps.setObject(2, judgment.taskId(), Types.BIGINT);
				ps.setLong(3, judgment.itemId());
				ps.setLong(4, judgment.modelA());
				ps.setLong(5, judgment.modelB());
				ps.setString(6, judgment.winner());
				ps.setObject(7, judgment.leftIsA(), Types.BOOLEAN);
				ps.setBoolean(8, judgment.failA());
				ps.setBoolean(9, judgment.failB());
				ps.setObject(10, judgment.strength(), Types.VARCHAR);
				ps.setObject(11, judgment.reason(), Types.VARCHAR);
				ps.setObject(12, judgment.elapsedMs(), Types.BIGINT);
				ps.setString(13, judgment.judge());
				ps.setString(14, source);
				ps.setTimestamp(15, (judgment.createdAt() != null) ? Timestamp.from(judgment.createdAt()) : now);
				ps.setTimestamp(16, now);
			}

			@Override
			public int getBatchSize() {
				return judgments.size();
			}

		});
	}

	@FunctionalInterface
	interface RowHandler {

		void handle(JudgmentRow row);

	}

	@FunctionalInterface
	interface ExportHandler {

		void handle(ExportRow row);

	}

	record ItemInfo(String key, String category, String setting) {
	}

	record ItemRef(long id, String category, String setting) {
	}

	record TaskKey(long itemId, long lowerModel, long higherModel) {
	}

	record SourceCount(String source, int judgments, int judges) {
	}

	record JudgmentRow(long id, long itemId, long modelA, long modelB, String winner, Boolean leftIsA, boolean failA,
			boolean failB, long elapsedMs, String judge, String source) {
	}

}
