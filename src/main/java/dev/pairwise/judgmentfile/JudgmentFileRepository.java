package dev.pairwise.judgmentfile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.pairwise.config.StreamingQueries;
import dev.pairwise.evalset.Conversation.Message;
import dev.pairwise.rating.Winner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.pairwise.evalset.Conversation.forModel;

/**
 * What the judgment file reads: the judgments an export writes, streamed row by row, and
 * what an import's rows may refer to. Imported judgments are stored by rating, which owns
 * the table.
 */
@Repository
class JudgmentFileRepository {

	private final JdbcClient jdbc;

	private final StreamingQueries streaming;

	JudgmentFileRepository(JdbcClient jdbc, StreamingQueries streaming) {
		this.jdbc = jdbc;
		this.streaming = streaming;
	}

	/**
	 * Streams the export rows of the study's counted judgments (of one source, or all
	 * when null), oldest first, and its attention checks too when asked (after them, as
	 * the index orders them).
	 */
	void forEachExportRow(long studyId, List<String> criteria, String source, boolean attentionChecks,
			Consumer<ExportRow> handler) {
		this.streaming.run(() -> withCriteria(this.streaming.client()
			.sql("select" + criterionColumns(criteria.size()) + """
					 i.item_key, i.category, i.setting, ma.name as model_a, mb.name as model_b, j.winner, j.judge,
					  j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason, j.elapsed_ms, j.created_at, j.source,
					  j.assignment_id, a.leased_at, j.attention, j.attention_correct,
					  exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id) as excluded,
					  coalesce(i.turn, 1) as turn
					from judgment j join item i on i.id = j.item_id join model ma on ma.id = j.model_a_id
					  join model mb on mb.id = j.model_b_id left join assignment a on a.id = j.assignment_id
					where j.study_id = :study and (j.attention = false or j.attention = :attention)
					  and (cast(:source as varchar(100)) is null or j.source = :source)
					order by j.study_id, j.attention, j.id""")
			.param("study", studyId)
			.param("attention", attentionChecks)
			.param("source", source), criteria).query((rs) -> {
				handler.accept(exportRow(rs, criteria));
			}));
	}

	/**
	 * Streams the study's counted judgments (of one source, or all when null), oldest
	 * first, each with the item's prompt and the two models' outputs.
	 */
	void forEachConversation(long studyId, List<String> criteria, String source, Consumer<Conversation> handler) {
		this.streaming
			.run(() -> withCriteria(this.streaming.client().sql("select" + criterionColumns(criteria.size()) + """
					 i.item_key, i.category, i.setting, ma.name as model_a, mb.name as model_b, j.winner, j.judge,
					  j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason, j.elapsed_ms, j.created_at, j.source,
					  j.assignment_id, cast(null as timestamp) as leased_at, j.attention, j.attention_correct,
					  exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id) as excluded,
					  coalesce(i.turn, 1) as turn, i.prompt, i.messages, oa.text as text_a, ob.text as text_b,
					  oa.context as context_a, ob.context as context_b
					from judgment j join item i on i.id = j.item_id join model ma on ma.id = j.model_a_id
					  join model mb on mb.id = j.model_b_id
					  join output oa on oa.item_id = j.item_id and oa.model_id = j.model_a_id
					  join output ob on ob.item_id = j.item_id and ob.model_id = j.model_b_id
					where j.study_id = :study and j.attention = false
					  and (cast(:source as varchar(100)) is null or j.source = :source)
					order by j.study_id, j.attention, j.id""").param("study", studyId).param("source", source),
					criteria)
				.query((rs) -> {
					String prompt = rs.getString("prompt");
					String messages = rs.getString("messages");
					handler.accept(new Conversation(exportRow(rs, criteria),
							forModel(prompt, messages, rs.getString("context_a")), rs.getString("text_a"),
							forModel(prompt, messages, rs.getString("context_b")), rs.getString("text_b")));
				}));
	}

	/**
	 * A winner and a strength column per criterion of the study ({@code c0_winner},
	 * {@code c0_strength}, ...), read with the judgment so that rows still stream in one
	 * query.
	 */
	private static String criterionColumns(int count) {
		StringBuilder columns = new StringBuilder();
		for (int i = 0; i < count; i++) {
			for (String column : List.of("winner", "strength")) {
				columns.append(" (select c.").append(column);
				columns.append(" from judgment_criterion c where c.judgment_id = j.id and c.criterion = :c").append(i);
				columns.append(") as c").append(i).append('_').append(column).append(',');
			}
		}
		return columns.toString();
	}

	private static JdbcClient.StatementSpec withCriteria(JdbcClient.StatementSpec query, List<String> criteria) {
		JdbcClient.StatementSpec named = query;
		for (int i = 0; i < criteria.size(); i++) {
			named = named.param("c" + i, criteria.get(i));
		}
		return named;
	}

	private static ExportRow exportRow(ResultSet rs, List<String> criteria) throws SQLException {
		List<ExportRow.CriterionAnswer> answers = new ArrayList<>(criteria.size());
		for (int i = 0; i < criteria.size(); i++) {
			String winner = rs.getString("c" + i + "_winner");
			answers.add(new ExportRow.CriterionAnswer(criteria.get(i),
					(winner != null) ? Winner.fromStored(winner) : null, rs.getString("c" + i + "_strength")));
		}
		boolean leftIsA = rs.getBoolean("left_is_a");
		Boolean left = rs.wasNull() ? null : leftIsA;
		long elapsed = rs.getLong("elapsed_ms");
		Long elapsedMs = rs.wasNull() ? null : elapsed;
		long assignment = rs.getLong("assignment_id");
		Long assignmentId = rs.wasNull() ? null : assignment;
		Timestamp leasedAt = rs.getTimestamp("leased_at");
		boolean correct = rs.getBoolean("attention_correct");
		Boolean attentionCorrect = rs.wasNull() ? null : correct;
		return new ExportRow(rs.getString("item_key"), rs.getString("category"), rs.getString("setting"),
				rs.getString("model_a"), rs.getString("model_b"), Winner.fromStored(rs.getString("winner")),
				rs.getString("judge"), left, rs.getBoolean("fail_a"), rs.getBoolean("fail_b"), rs.getString("strength"),
				rs.getString("reason"), elapsedMs, rs.getTimestamp("created_at").toInstant(), rs.getString("source"),
				assignmentId, (leasedAt != null) ? leasedAt.toInstant() : null, rs.getBoolean("attention"),
				attentionCorrect, rs.getBoolean("excluded"), rs.getInt("turn"), answers);
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

	/** Item ids of the eval set by item key. */
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

	record ItemRef(long id, String category, String setting) {
	}

	/**
	 * A judgment with the prompt and the outputs of its model_a and model_b as stored.
	 */
	/**
	 * A judgment with the chat each model answered ({@code chatA}, {@code chatB}, ending
	 * with the user's message) and its answer.
	 */
	record Conversation(ExportRow row, List<Message> chatA, String textA, List<Message> chatB, String textB) {
	}

	record TaskKey(long itemId, long lowerModel, long higherModel) {
	}

}
