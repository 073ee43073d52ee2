package dev.pairwise.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.config.StreamingQueries;
import dev.pairwise.rating.Winner;
import dev.pairwise.results.stats.StyleFeatures;
import dev.pairwise.results.stats.AttentionScore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL behind results. Judgments are streamed row by row ({@link StreamingQueries}),
 * never collected into a list.
 */
@Repository
class ResultsRepository {

	/**
	 * Ids per query when reading judgments by id, well within any driver's parameter
	 * limit.
	 */
	private static final int ID_LIST_CHUNK = 1000;

	private static final String COUNTED_JUDGMENTS = "select id, item_id, model_a_id, model_b_id, winner, left_is_a,"
			+ " fail_a, fail_b, elapsed_ms, judge, source from judgment where study_id = :study and attention = false";

	/**
	 * The counted judgments that answered a criterion, with the criterion's winner in
	 * place of the overall one: every estimator then applies to the criterion unchanged.
	 */
	private static final String CRITERION_JUDGMENTS = "select judgment.id, judgment.item_id, judgment.model_a_id,"
			+ " judgment.model_b_id, c.winner, judgment.left_is_a, judgment.fail_a, judgment.fail_b,"
			+ " judgment.elapsed_ms, judgment.judge, judgment.source from judgment join judgment_criterion c"
			+ " on c.judgment_id = judgment.id and c.criterion = :criterion"
			+ " where judgment.study_id = :study and judgment.attention = false";

	/**
	 * Leaves out the judgments of excluded raters; added only for a study that has any,
	 * so that the others' judgments are still read from the covering index alone.
	 */
	private static final String NOT_EXCLUDED = " and not exists (select 1 from rater_exclusion x"
			+ " where x.rater_id = judgment.rater_id)";

	private final JdbcClient jdbc;

	private final StreamingQueries streaming;

	ResultsRepository(JdbcClient jdbc, StreamingQueries streaming) {
		this.jdbc = jdbc;
		this.streaming = streaming;
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

	/**
	 * The eval set's categories or settings in the order of their first item, which is
	 * the order the set's file gives them.
	 * @param column {@code category} or {@code setting}
	 */
	List<String> groupOrder(long evalSetId, String column) {
		return this.jdbc
			.sql("select " + column + " as label, min(position) as first from item where eval_set_id = ? group by "
					+ column + " order by first")
			.param(evalSetId)
			.query((rs, row) -> rs.getString("label"))
			.list();
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

	/**
	 * The style of the given models' outputs as Chatbot Arena's style control measures
	 * it, by model id and item id; read only for studies of more than two models.
	 */
	Map<Long, Map<Long, StyleFeatures>> outputStyles(Collection<Long> modelIds) {
		Map<Long, Map<Long, StyleFeatures>> styles = new HashMap<>();
		for (long modelId : modelIds) {
			Map<Long, StyleFeatures> ofModel = new HashMap<>();
			this.jdbc.sql("select item_id, text from output where model_id = ?").param(modelId).query((rs) -> {
				ofModel.put(rs.getLong(1), StyleFeatures.of(rs.getString(2)));
			});
			styles.put(modelId, ofModel);
		}
		return styles;
	}

	boolean hasCountedJudgments(long studyId) {
		return !this.jdbc
			.sql("select 1 from judgment where study_id = ? and attention = false" + NOT_EXCLUDED
					+ " fetch first 1 rows only")
			.param(studyId)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	/**
	 * Streams the study's counted judgments, of every source, in id order; with a
	 * criterion, those that answered it, with its answer.
	 */
	void forEachJudgment(long studyId, String criterion, RowHandler handler) {
		String order = (criterion != null) ? " order by judgment.study_id, judgment.attention, judgment.id"
				: " order by study_id, attention, id";
		JdbcClient.StatementSpec query = this.streaming.client()
			.sql(countedJudgments(studyId, criterion) + order)
			.param("study", studyId);
		JdbcClient.StatementSpec withCriterion = (criterion != null) ? query.param("criterion", criterion) : query;
		this.streaming.run(() -> withCriterion.query((rs) -> {
			handler.handle(judgmentRow(rs));
		}));
	}

	/** The given judgments of the study, as far as they are counted (and answered it). */
	void forEachJudgment(long studyId, String criterion, Collection<Long> ids, RowHandler handler) {
		List<Long> all = List.copyOf(ids);
		String counted = countedJudgments(studyId, criterion);
		for (int from = 0; from < all.size(); from += ID_LIST_CHUNK) {
			JdbcClient.StatementSpec query = this.jdbc.sql(counted + " and judgment.id in (:ids)")
				.param("study", studyId)
				.param("ids", all.subList(from, Math.min(all.size(), from + ID_LIST_CHUNK)));
			if (criterion != null) {
				query = query.param("criterion", criterion);
			}
			query.query((rs) -> {
				handler.handle(judgmentRow(rs));
			});
		}
	}

	/**
	 * Per criterion: the counted judgments (of one source, or all when null) that
	 * answered it, and how many of them chose otherwise than their overall answer (a
	 * both-bad overall answer counting as a tie).
	 */
	Map<String, int[]> criterionDisagreements(long studyId, String source) {
		Map<String, int[]> counts = new HashMap<>();
		this.jdbc.sql("""
				select c.criterion, count(*) as answered,
				  sum(case when c.winner = (case when j.winner = 'both-bad' then 'tie' else j.winner end)
				      then 0 else 1 end) as disagreeing
				from judgment_criterion c join judgment j on j.id = c.judgment_id
				where j.study_id = :study and j.attention = false
				  and not exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id)
				  and (cast(:source as varchar(100)) is null or j.source = :source)
				group by c.criterion""").param("study", studyId).param("source", source).query((rs) -> {
			counts.put(rs.getString("criterion"), new int[] { rs.getInt("answered"), rs.getInt("disagreeing") });
		});
		return counts;
	}

	private String countedJudgments(long studyId, String criterion) {
		String counted = (criterion != null) ? CRITERION_JUDGMENTS : COUNTED_JUDGMENTS;
		boolean anyExcluded = !this.jdbc.sql("select 1 from rater_exclusion where study_id = ? fetch first 1 rows only")
			.param(studyId)
			.query(Integer.class)
			.list()
			.isEmpty();
		return anyExcluded ? counted + NOT_EXCLUDED : counted;
	}

	/**
	 * By position: looking a column up by name costs a tenth of reading a million rows.
	 */
	private static JudgmentRow judgmentRow(ResultSet rs) throws SQLException {
		boolean leftIsA = rs.getBoolean(6);
		Boolean left = rs.wasNull() ? null : leftIsA;
		long elapsed = rs.getLong(9);
		long elapsedMs = rs.wasNull() ? -1 : elapsed;
		return new JudgmentRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
				Winner.fromStored(rs.getString(5)), left, rs.getBoolean(7), rs.getBoolean(8), elapsedMs,
				rs.getString(10), rs.getString(11));
	}

	/** Attention-check scores of the study's raters, by judge label. */
	Map<String, AttentionScore> attentionScores(long studyId) {
		Map<String, AttentionScore> scores = new HashMap<>();
		this.jdbc.sql("""
				select judge, count(*) as total, sum(case when attention_correct then 1 else 0 end) as correct
				from judgment where study_id = ? and attention = true""" + NOT_EXCLUDED + " group by judge")
			.param(studyId)
			.query((rs) -> {
				scores.put(rs.getString("judge"), new AttentionScore(rs.getInt("correct"), rs.getInt("total")));
			});
		return scores;
	}

	/**
	 * The counted judgments of one task (item, unordered model pair), oldest first; with
	 * a criterion, those that answered it, labelled by its answer.
	 */
	List<TaskJudgment> taskJudgments(long studyId, long itemId, long firstModel, long secondModel, String source,
			String criterion) {
		String winnerColumn = (criterion != null)
				? "(select c.winner from judgment_criterion c where c.judgment_id = j.id"
						+ " and c.criterion = :criterion)"
				: "j.winner";
		return this.jdbc
			.sql("select j.judge, j.source, " + winnerColumn + " as winner,"
					+ """
							 j.model_a_id, j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason,
							  j.elapsed_ms from judgment j
							where j.study_id = :study and j.item_id = :item and j.attention = false
							  and not exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id)
							  and ((j.model_a_id = :first and j.model_b_id = :second) or (j.model_a_id = :second and j.model_b_id = :first))
							  and (cast(:source as varchar(100)) is null or j.source = :source)
							  and (cast(:criterion as varchar(40)) is null or exists (select 1 from judgment_criterion c
							    where c.judgment_id = j.id and c.criterion = :criterion))
							order by j.id""")
			.param("study", studyId)
			.param("criterion", criterion)
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
				Winner winner = Winner.fromStored(rs.getString("winner"));
				return new TaskJudgment(rs.getString("judge"), rs.getString("source"),
						TaskJudgment.label(winner, firstIsA), winner == Winner.BOTH_BAD, firstOnLeft,
						firstIsA ? rs.getBoolean("fail_a") : rs.getBoolean("fail_b"),
						firstIsA ? rs.getBoolean("fail_b") : rs.getBoolean("fail_a"), rs.getString("strength"),
						rs.getString("reason"), elapsedMs);
			})
			.list();
	}

	@FunctionalInterface
	interface RowHandler {

		void handle(JudgmentRow row);

	}

	record ItemInfo(String key, String category, String setting) {
	}

	record SourceCount(String source, int judgments, int judges) {
	}

	record JudgmentRow(long id, long itemId, long modelA, long modelB, Winner winner, Boolean leftIsA, boolean failA,
			boolean failB, long elapsedMs, String judge, String source) {
	}

}
