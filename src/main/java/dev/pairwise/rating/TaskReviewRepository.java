package dev.pairwise.rating;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.pairwise.evalset.Conversation;
import dev.pairwise.evalset.Conversation.Step;
import dev.pairwise.evalset.ItemView;
import dev.pairwise.evalset.ItemView.Exemplar;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One task as its admin needs it to act on a reported problem: the whole conversation and
 * the prompt, both outputs with their models, every judgment with its reason, and the
 * flags with the models each flagging rater saw as Response 1 and Response 2.
 */
@Repository
class TaskReviewRepository {

	private final JdbcClient jdbc;

	TaskReviewRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<TaskDetail> task(long studyId, long taskId) {
		return this.jdbc.sql("""
				select t.id, i.item_key, i.category, i.setting, i.prompt, i.exemplars, i.messages, ma.name as model_a,
				  mb.name as model_b, oa.text as text_a, ob.text as text_b, oa.context as context_a,
				  ob.context as context_b, t.attention_kind, t.attention_good_side, t.attention_text, t.needed,
				  t.accepted
				from task t join item i on i.id = t.item_id
				join model ma on ma.id = t.model_a_id join model mb on mb.id = t.model_b_id
				join output oa on oa.item_id = t.item_id and oa.model_id = t.model_a_id
				join output ob on ob.item_id = t.item_id and ob.model_id = t.model_b_id
				where t.study_id = ? and t.id = ?""").params(studyId, taskId).query((rs, row) -> {
			String good = rs.getString("attention_good_side");
			String textA = ("b".equals(good)) ? rs.getString("attention_text") : rs.getString("text_a");
			String textB = ("a".equals(good)) ? rs.getString("attention_text") : rs.getString("text_b");
			return new TaskDetail(rs.getLong("id"), rs.getString("item_key"), rs.getString("category"),
					rs.getString("setting"),
					Conversation.history(rs.getString("messages"), rs.getString("context_a"),
							rs.getString("context_b")),
					rs.getString("prompt"), ItemView.exemplars(rs.getString("exemplars")), rs.getString("model_a"),
					rs.getString("model_b"), textA, textB, rs.getString("attention_kind"), rs.getInt("needed"),
					rs.getInt("accepted"));
		}).optional();
	}

	List<JudgmentDetail> judgments(long taskId) {
		return this.jdbc.sql("""
				select j.judge, j.winner, j.fail_a, j.fail_b, j.strength, j.reason, j.left_is_a, j.source,
				  (select count(*) from judgment_edit e where e.judgment_id = j.id) as edits, j.updated_at
				from judgment j where j.task_id = ? order by j.created_at, j.id""")
			.param(taskId)
			.query((rs, row) -> new JudgmentDetail(rs.getString("judge"), rs.getString("winner"),
					rs.getBoolean("fail_a"), rs.getBoolean("fail_b"), rs.getString("strength"), rs.getString("reason"),
					(Boolean) rs.getObject("left_is_a"), rs.getString("source"), rs.getInt("edits"),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	List<FlagDetail> flags(long taskId) {
		return this.jdbc.sql("""
				select r.label, f.note, l.name as left_model, rt.name as right_model, f.created_at
				from task_flag f join rater r on r.id = f.rater_id
				left join model l on l.id = f.left_model_id left join model rt on rt.id = f.right_model_id
				where f.task_id = ? order by f.created_at, f.id""")
			.param(taskId)
			.query((rs, row) -> new FlagDetail(rs.getString("label"), rs.getString("note"), rs.getString("left_model"),
					rs.getString("right_model"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/**
	 * {@code conversation} is every message before the prompt (empty for a single
	 * prompt), each model's own earlier answer on its side: model A's left, model B's
	 * right.
	 */
	record TaskDetail(long id, String item, String category, String setting, List<Step> conversation, String prompt,
			List<Exemplar> exemplars, String modelA, String modelB, String textA, String textB, String attentionKind,
			int needed, int accepted) {
	}

	record JudgmentDetail(String judge, String winner, boolean failA, boolean failB, String strength, String reason,
			Boolean leftIsA, String source, int edits, Instant at) {
	}

	/**
	 * {@code response1Model} and {@code response2Model} are null for flags stored before
	 * they were kept.
	 */
	record FlagDetail(String rater, String note, String response1Model, String response2Model, Instant at) {
	}

}
