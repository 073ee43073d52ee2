package dev.pairwise.rating;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the assignment engine. Counters on the task row ({@code accepted},
 * {@code leased}) are only ever changed by conditional updates, so that the row lock of
 * the update is what keeps a task from getting more than k judgments, on any database and
 * any number of instances.
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
			t.attention_kind is not null as attention
			from assignment a join task t on t.id = a.task_id""";

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
	 * Open tasks the rater has not judged, skipped or holds, least covered first; ties in
	 * a random order of the rater's own (the task's random key permuted by the rater's
	 * salt).
	 */
	List<Candidate> candidates(long studyId, long raterId, int salt, int limit) {
		return this.jdbc.sql("""
				select t.id, t.accepted + t.leased as load from task t
				where t.study_id = :study and t.attention_kind is null and t.accepted + t.leased < t.needed
				  and not exists (select 1 from assignment a where a.task_id = t.id and a.rater_id = :rater
				                  and a.state <> 'expired')
				order by t.accepted + t.leased, mod(cast(t.shuffle as bigint) * :salt, :modulus)
				fetch first :limit rows only""")
			.param("study", studyId)
			.param("rater", raterId)
			.param("salt", (long) Math.max(salt, 1))
			.param("modulus", ORDER_MODULUS)
			.param("limit", limit)
			.query((rs, row) -> new Candidate(rs.getLong("id"), rs.getInt("load")))
			.list();
	}

	/**
	 * Takes a lease slot on a task if it still has room; false when another rater was
	 * faster.
	 */
	boolean reserve(long taskId) {
		return this.jdbc.sql("update task set leased = leased + 1 where id = ? and accepted + leased < needed")
			.param(taskId)
			.update() == 1;
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

	/** A leased slot becomes an accepted judgment. */
	void convertLease(long taskId) {
		this.jdbc.sql("update task set accepted = accepted + 1, leased = leased - 1 where id = ?")
			.param(taskId)
			.update();
	}

	void releaseLease(long taskId) {
		this.jdbc.sql("update task set leased = leased - 1 where id = ?").param(taskId).update();
	}

	/** Accepts a judgment whose lease had expired, if the task still has room for it. */
	boolean acceptIfRoom(long taskId) {
		return this.jdbc.sql("update task set accepted = accepted + 1 where id = ? and accepted + leased < needed")
			.param(taskId)
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

	Optional<TaskContent> taskContent(long taskId) {
		return this.jdbc.sql("""
				select t.id, t.study_id, t.item_id, t.model_a_id, t.model_b_id, t.attention_kind, t.attention_good_side,
				  t.attention_text, i.item_key, i.prompt, i.exemplars, i.setting, i.category,
				  oa.text as text_a, ob.text as text_b
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
			return new TaskContent(rs.getLong("id"), rs.getLong("item_id"), rs.getLong("model_a_id"),
					rs.getLong("model_b_id"), rs.getString("prompt"), rs.getString("exemplars"),
					rs.getString("setting"), textA, textB, good);
		}).optional();
	}

	Optional<StoredJudgment> findJudgment(long assignmentId) {
		return this.jdbc.sql("""
				select id, winner, fail_a, fail_b, strength, reason from judgment where assignment_id = ?""")
			.param(assignmentId)
			.query((rs, row) -> new StoredJudgment(rs.getLong("id"), rs.getString("winner"), rs.getBoolean("fail_a"),
					rs.getBoolean("fail_b"), rs.getString("strength"), rs.getString("reason")))
			.optional();
	}

	void insertJudgment(NewJudgment judgment) {
		Timestamp now = Timestamp.from(judgment.at());
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
			.update();
	}

	/** Replaces an answer, keeping the previous one in the audit trail. */
	void editJudgment(StoredJudgment previous, Answer answer, Boolean attentionCorrect, Instant at) {
		this.jdbc.sql("""
				insert into judgment_edit (judgment_id, previous_winner, previous_fail_a, previous_fail_b,
				  previous_strength, previous_reason, edited_at) values (?, ?, ?, ?, ?, ?, ?)""")
			.params(previous.id(), previous.answer().winner(), previous.answer().failA(), previous.answer().failB(),
					previous.answer().strength(), previous.answer().reason(), Timestamp.from(at))
			.update();
		this.jdbc.sql("""
				update judgment set winner = ?, fail_a = ?, fail_b = ?, strength = ?, reason = ?, attention_correct = ?,
				  updated_at = ? where id = ?""")
			.params(answer.winner(), answer.failA(), answer.failB(), answer.strength(), answer.reason(),
					attentionCorrect, Timestamp.from(at), previous.id())
			.update();
	}

	void insertFlag(long studyId, long taskId, long raterId, String note) {
		this.jdbc.sql("insert into task_flag (study_id, task_id, rater_id, note, created_at) values (?, ?, ?, ?, ?)")
			.params(studyId, taskId, raterId, note, Timestamp.from(Instant.now()))
			.update();
	}

	int countRealJudgments(long raterId) {
		return this.jdbc.sql("select count(*) from judgment where rater_id = ? and attention = false")
			.param(raterId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Tasks the rater could still be given: open, with room, and not judged, skipped or
	 * held by them.
	 */
	int countAvailable(long studyId, long raterId) {
		return this.jdbc.sql("""
				select count(*) from task t
				where t.study_id = :study and t.attention_kind is null and t.accepted + t.leased < t.needed
				  and not exists (select 1 from assignment a where a.task_id = t.id and a.rater_id = :rater
				                  and a.state <> 'expired')""")
			.param("study", studyId)
			.param("rater", raterId)
			.query(Integer.class)
			.single();
	}

	private AssignmentRow assignment(ResultSet rs, int row) throws SQLException {
		return new AssignmentRow(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("rater_id"),
				rs.getBoolean("left_is_a"), rs.getString("state"), rs.getTimestamp("leased_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("attention"));
	}

	record Candidate(long taskId, int load) {
	}

	record LeasedTask(long assignmentId, long taskId, long studyId, boolean attention) {
	}

	record TaskContent(long taskId, long itemId, long modelA, long modelB, String prompt, String exemplarsJson,
			String setting, String textA, String textB, String attentionGoodSide) {

		boolean isAttentionCheck() {
			return this.attentionGoodSide != null;
		}

	}

	/** An answer in the task's terms (model_a / model_b), as stored. */
	record Answer(String winner, boolean failA, boolean failB, String strength, String reason) {
	}

	record StoredJudgment(long id, Answer answer) {

		StoredJudgment(long id, String winner, boolean failA, boolean failB, String strength, String reason) {
			this(id, new Answer(winner, failA, failB, strength, reason));
		}

	}

	record NewJudgment(long studyId, long taskId, long assignmentId, long raterId, long itemId, long modelA,
			long modelB, Answer answer, boolean leftIsA, Long elapsedMs, String judge, Boolean attentionCorrect,
			Instant at) {
	}

}
