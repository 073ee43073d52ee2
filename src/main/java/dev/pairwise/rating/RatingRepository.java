package dev.pairwise.rating;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pairwise.evalset.Conversation;
import dev.pairwise.evalset.Conversation.Step;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of rating: assignments, judgments and flags. A task's counters belong to the
 * study's {@link dev.pairwise.study.TaskPool}; this reads {@code open_load}, which the
 * database derives from them and indexes with the task's random key, so finding the least
 * covered tasks reads a few index entries.
 */
@Repository
class RatingRepository {

	/**
	 * A prime just below 2^31: multiplying by a rater's salt modulo it permutes the
	 * tasks' shuffle keys.
	 */
	private static final long ORDER_MODULUS = 2_147_483_647L;

	private static final String ASSIGNMENT_COLUMNS = """
			a.id, a.task_id, a.rater_id, a.left_is_a, a.state, a.leased_at, a.expires_at,
			t.attention_kind is not null as attention, t.item_id, t.model_a_id, t.model_b_id, t.attention_good_side
			from assignment a join task t on t.id = a.task_id""";

	/** The rater has no assignment of the task, or only one whose lease expired. */
	private static final String NOT_HELD = """
			not exists (select 1 from assignment a where a.task_id = t.id and a.rater_id = :rater
			            and a.state <> 'expired')""";

	private final JdbcClient jdbc;

	RatingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AssignmentRow> currentLease(long raterId) {
		return this.jdbc
			.sql("select " + ASSIGNMENT_COLUMNS + " where a.rater_id = ? and a.state = 'leased'"
					+ " order by a.leased_at desc fetch first 1 rows only")
			.param(raterId)
			.query(this::assignment)
			.optional();
	}

	Optional<AssignmentRow> findAssignment(long assignmentId) {
		return this.jdbc.sql("select " + ASSIGNMENT_COLUMNS + " where a.id = ?")
			.param(assignmentId)
			.query(this::assignment)
			.optional();
	}

	void extendLease(long assignmentId, Instant expiresAt) {
		this.jdbc.sql("update assignment set expires_at = ? where id = ? and state = 'leased'")
			.params(Timestamp.from(expiresAt), assignmentId)
			.update();
	}

	/**
	 * The smallest load (accepted plus leased) among the open tasks the rater has not
	 * judged, skipped or holds; empty when none is left for them. The order by all the
	 * index's columns lets H2 read the index in order and stop at the first match.
	 */
	Optional<Integer> leastLoad(long studyId, long raterId) {
		return this.jdbc
			.sql("select t.open_load from task t where t.study_id = :study and t.open_load >= 0 and " + NOT_HELD
					+ " order by t.study_id, t.open_load, t.shuffle fetch first 1 rows only")
			.param("study", studyId)
			.param("rater", raterId)
			.query(Integer.class)
			.optional();
	}

	/**
	 * Up to {@code limit} open tasks with the given load that the rater may be given, in
	 * the order of their random keys from {@code from} upwards, or, with
	 * {@code belowFrom}, from the lowest key up to {@code from}: a random starting point
	 * on the circle of keys, so ties are broken at random.
	 */
	List<Long> candidates(long studyId, long raterId, int load, int from, boolean belowFrom, int limit) {
		return this.jdbc
			.sql("select t.id from task t where t.study_id = :study and t.open_load = :load and t.shuffle "
					+ (belowFrom ? "<" : ">=") + " :from and " + NOT_HELD
					+ " order by t.study_id, t.open_load, t.shuffle fetch first :limit rows only")
			.param("study", studyId)
			.param("load", load)
			.param("from", from)
			.param("rater", raterId)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	Optional<Long> attentionCheckFor(long studyId, long raterId, int salt) {
		return this.jdbc.sql("""
				select t.id from task t where t.study_id = :study and t.attention_kind is not null
				  and not exists (select 1 from assignment a where a.task_id = t.id and a.rater_id = :rater)
				order by mod(cast(t.shuffle as bigint) * :salt, :modulus) fetch first 1 rows only""")
			.param("study", studyId)
			.param("rater", raterId)
			.param("salt", (long) Math.max(salt, 1))
			.param("modulus", ORDER_MODULUS)
			.query(Long.class)
			.optional();
	}

	/**
	 * Leases a task to a rater, reusing the row of an earlier lease of theirs that
	 * expired.
	 */
	long lease(long studyId, long taskId, long raterId, boolean leftIsA, Instant now, Instant expiresAt) {
		int reused = this.jdbc.sql("""
				update assignment set state = 'leased', left_is_a = ?, leased_at = ?, expires_at = ?
				where task_id = ? and rater_id = ? and state = 'expired'""")
			.params(leftIsA, Timestamp.from(now), Timestamp.from(expiresAt), taskId, raterId)
			.update();
		if (reused == 1) {
			return this.jdbc.sql("select id from assignment where task_id = ? and rater_id = ?")
				.params(taskId, raterId)
				.query(Long.class)
				.single();
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into assignment (study_id, task_id, rater_id, left_is_a, state, leased_at, expires_at)
				values (?, ?, ?, ?, 'leased', ?, ?)""")
			.params(studyId, taskId, raterId, leftIsA, Timestamp.from(now), Timestamp.from(expiresAt))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/**
	 * Moves an assignment from one state to another; false when it was no longer in
	 * {@code from}.
	 */
	boolean transition(long assignmentId, String from, String to) {
		return this.jdbc.sql("update assignment set state = ? where id = ? and state = ?")
			.params(to, assignmentId, from)
			.update() == 1;
	}

	List<LeasedTask> expiredLeases(Instant now, int limit) {
		return this.jdbc.sql("""
				select a.id, a.task_id, a.study_id, t.attention_kind is not null as attention
				from assignment a join task t on t.id = a.task_id
				where a.state = 'leased' and a.expires_at < ? fetch first ? rows only""")
			.params(Timestamp.from(now), limit)
			.query((rs, row) -> new LeasedTask(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("study_id"),
					rs.getBoolean("attention")))
			.list();
	}

	/**
	 * Whether the rater is excluded from the results, read after taking their row's lock:
	 * an exclusion takes the same lock first, so a rater's request either finishes before
	 * it or sees it.
	 */
	boolean lockAndCheckExcluded(long raterId) {
		this.jdbc.sql("select id from rater where id = ? for update").param(raterId).query(Long.class).list();
		return this.jdbc.sql("select count(*) from rater_exclusion where rater_id = ?")
			.param(raterId)
			.query(Integer.class)
			.single() > 0;
	}

	/** The leases a rater holds now (expired or not, until the sweeper runs). */
	List<LeasedTask> leasesOf(long raterId) {
		return this.jdbc.sql("""
				select a.id, a.task_id, a.study_id, t.attention_kind is not null as attention
				from assignment a join task t on t.id = a.task_id
				where a.rater_id = ? and a.state = 'leased'""")
			.param(raterId)
			.query((rs, row) -> new LeasedTask(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("study_id"),
					rs.getBoolean("attention")))
			.list();
	}

	/**
	 * What a rater sees of a task: the prompt and the two responses, an attention check's
	 * degraded side in place of its real output.
	 */
	Optional<TaskContent> taskContent(long taskId) {
		return this.jdbc.sql("""
				select t.attention_good_side, t.attention_text, i.prompt, i.exemplars, i.setting, i.messages,
				  oa.text as text_a, ob.text as text_b, oa.context as context_a, ob.context as context_b
				from task t join item i on i.id = t.item_id
				join output oa on oa.item_id = t.item_id and oa.model_id = t.model_a_id
				join output ob on ob.item_id = t.item_id and ob.model_id = t.model_b_id
				where t.id = ?""").param(taskId).query((rs, row) -> {
			String textA = rs.getString("text_a");
			String textB = rs.getString("text_b");
			String good = rs.getString("attention_good_side");
			if (good != null) {
				textA = "a".equals(good) ? textA : rs.getString("attention_text");
				textB = "b".equals(good) ? textB : rs.getString("attention_text");
			}
			return new TaskContent(rs.getString("prompt"), rs.getString("exemplars"), rs.getString("setting"), textA,
					textB, rs.getString("messages"), rs.getString("context_a"), rs.getString("context_b"));
		}).optional();
	}

	Optional<StoredJudgment> findJudgment(long assignmentId) {
		return this.jdbc.sql("""
				select id, winner, fail_a, fail_b, strength, reason from judgment where assignment_id = ?""")
			.param(assignmentId)
			.query((rs, row) -> new StoredJudgment(rs.getLong("id"),
					new Answer(rs.getString("winner"), rs.getBoolean("fail_a"), rs.getBoolean("fail_b"),
							rs.getString("strength"), rs.getString("reason"), Map.of())))
			.optional()
			.map((judgment) -> new StoredJudgment(judgment.id(), judgment.answer().with(criteria(judgment.id()))));
	}

	/** A judgment's criterion answers, in the task's terms, by criterion id. */
	Map<String, CriterionAnswer> criteria(long judgmentId) {
		Map<String, CriterionAnswer> criteria = new LinkedHashMap<>();
		this.jdbc.sql("select criterion, winner, strength from judgment_criterion where judgment_id = ?")
			.param(judgmentId)
			.query((rs) -> {
				criteria.put(rs.getString("criterion"),
						new CriterionAnswer(rs.getString("winner"), rs.getString("strength")));
			});
		return criteria;
	}

	private void insertCriteria(long judgmentId, Map<String, CriterionAnswer> criteria) {
		criteria.forEach((criterion, answer) -> this.jdbc
			.sql("insert into judgment_criterion (judgment_id, criterion, winner, strength) values (?, ?, ?, ?)")
			.params(judgmentId, criterion, answer.winner(), answer.strength())
			.update());
	}

	/** Stores the judgment and returns its id. */
	long insertJudgment(NewJudgment judgment) {
		Timestamp now = Timestamp.from(judgment.at());
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into judgment (study_id, task_id, assignment_id, rater_id, item_id, model_a_id, model_b_id, winner,
					  left_is_a, fail_a, fail_b, strength, reason, elapsed_ms, judge, source, attention, attention_correct,
					  created_at, updated_at)
					values (:study, :task, :assignment, :rater, :item, :modelA, :modelB, :winner, :leftIsA, :failA, :failB,
					  :strength, :reason, :elapsed, :judge, 'raters', :attention, :attentionCorrect, :now, :now)""")
			.param("study", judgment.studyId())
			.param("task", judgment.taskId())
			.param("assignment", judgment.assignmentId())
			.param("rater", judgment.raterId())
			.param("item", judgment.itemId())
			.param("modelA", judgment.modelA())
			.param("modelB", judgment.modelB())
			.param("winner", judgment.answer().winner())
			.param("leftIsA", judgment.leftIsA())
			.param("failA", judgment.answer().failA())
			.param("failB", judgment.answer().failB())
			.param("strength", judgment.answer().strength())
			.param("reason", judgment.answer().reason())
			.param("elapsed", judgment.elapsedMs())
			.param("judge", judgment.judge())
			.param("attention", judgment.attentionCorrect() != null)
			.param("attentionCorrect", judgment.attentionCorrect())
			.param("now", now)
			.update(key, "id");
		long id = key.getKey().longValue();
		insertCriteria(id, judgment.answer().criteria());
		return id;
	}

	/**
	 * Replaces an answer, keeping the previous one, criterion answers included, in the
	 * audit trail.
	 */
	void editJudgment(StoredJudgment previous, Answer answer, Boolean attentionCorrect, Instant at) {
		this.jdbc.sql("""
				insert into judgment_edit (judgment_id, previous_winner, previous_fail_a, previous_fail_b,
				  previous_strength, previous_reason, previous_criteria, edited_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(previous.id(), previous.answer().winner(), previous.answer().failA(), previous.answer().failB(),
					previous.answer().strength(), previous.answer().reason(),
					CriteriaTrail.json(previous.answer().criteria()), Timestamp.from(at))
			.update();
		this.jdbc.sql("""
				update judgment set winner = ?, fail_a = ?, fail_b = ?, strength = ?, reason = ?, attention_correct = ?,
				  updated_at = ? where id = ?""")
			.params(answer.winner(), answer.failA(), answer.failB(), answer.strength(), answer.reason(),
					attentionCorrect, Timestamp.from(at), previous.id())
			.update();
		this.jdbc.sql("delete from judgment_criterion where judgment_id = ?").param(previous.id()).update();
		insertCriteria(previous.id(), answer.criteria());
	}

	/** Issue 17: a flag keeps the models the rater saw as Response 1 and Response 2. */
	boolean hasFlagged(long taskId, long raterId) {
		return this.jdbc.sql("select count(*) from task_flag where task_id = ? and rater_id = ?")
			.params(taskId, raterId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Stores the rater's flag of a task, or gives the one they made before the new note:
	 * one flag per rater and task. Under the rater's row lock, so that parallel flags of
	 * one rater neither both insert nor pass the cap together. False, storing nothing,
	 * when it would be the rater's flag number {@code cap + 1}.
	 */
	boolean saveFlag(long studyId, long taskId, long raterId, String note, long leftModelId, long rightModelId,
			int cap) {
		this.jdbc.sql("select id from rater where id = ? for update").param(raterId).query(Long.class).list();
		Timestamp now = Timestamp.from(Instant.now());
		if (this.jdbc.sql("update task_flag set note = ?, created_at = ? where task_id = ? and rater_id = ?")
			.params(note, now, taskId, raterId)
			.update() > 0) {
			return true;
		}
		if (this.jdbc.sql("select count(*) from task_flag where rater_id = ?")
			.param(raterId)
			.query(Integer.class)
			.single() >= cap) {
			return false;
		}
		this.jdbc.sql("""
				insert into task_flag (study_id, task_id, rater_id, note, created_at, left_model_id, right_model_id)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(studyId, taskId, raterId, note, now, leftModelId, rightModelId)
			.update();
		return true;
	}

	/**
	 * Open tasks the rater has judged, skipped or holds, which are therefore not open to
	 * them.
	 */
	int countOpenHeldBy(long raterId) {
		return this.jdbc.sql("""
				select count(*) from assignment a join task t on t.id = a.task_id
				where a.rater_id = ? and a.state <> 'expired' and t.open_load >= 0""")
			.param(raterId)
			.query(Integer.class)
			.single();
	}

	private AssignmentRow assignment(ResultSet rs, int row) throws SQLException {
		return new AssignmentRow(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("rater_id"),
				rs.getBoolean("left_is_a"), rs.getString("state"), rs.getTimestamp("leased_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("attention"), rs.getLong("item_id"),
				rs.getLong("model_a_id"), rs.getLong("model_b_id"), rs.getString("attention_good_side"));
	}

	record LeasedTask(long assignmentId, long taskId, long studyId, boolean attention) {
	}

	record TaskContent(String prompt, String exemplarsJson, String setting, String textA, String textB,
			String messagesJson, String contextA, String contextB) {

		/** The conversation before the prompt, the left model's side on the left. */
		List<Step> conversation(boolean leftIsA) {
			return Conversation.history(this.messagesJson, leftIsA ? this.contextA : this.contextB,
					leftIsA ? this.contextB : this.contextA);
		}

	}

	/**
	 * An answer in the task's terms (model_a / model_b), as stored, with its criteria by
	 * id; equal answers are the same answer, criteria included.
	 */
	record Answer(String winner, boolean failA, boolean failB, String strength, String reason,
			Map<String, CriterionAnswer> criteria) {

		Answer {
			criteria = Map.copyOf(criteria);
		}

		Answer with(Map<String, CriterionAnswer> answered) {
			return new Answer(this.winner, this.failA, this.failB, this.strength, this.reason, answered);
		}

	}

	/**
	 * One criterion's answer: its winner (in screen or task terms, as its {@link Answer})
	 * and strength.
	 */
	record CriterionAnswer(String winner, String strength) {
	}

	record StoredJudgment(long id, Answer answer) {
	}

	record NewJudgment(long studyId, long taskId, long assignmentId, long raterId, long itemId, long modelA,
			long modelB, Answer answer, boolean leftIsA, Long elapsedMs, String judge, Boolean attentionCorrect,
			Instant at) {
	}

}
