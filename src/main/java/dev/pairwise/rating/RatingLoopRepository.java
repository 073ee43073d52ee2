package dev.pairwise.rating;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.pairwise.study.Rater;
import dev.pairwise.study.Raters;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the rating loop's hot path, a judgment stored and the next task leased in
 * one request: one read that resolves the token and locks what the judgment changes, and
 * one statement that records both assignments. {@link RatingRepository} keeps the rest.
 */
@Repository
class RatingLoopRepository {

	/**
	 * Locks the rater's row (an exclusion takes it first, so a judgment either finishes
	 * before an exclusion or sees it; a rater's parallel requests take turns), the
	 * assignment's (the lease sweeper cannot end it meanwhile) and its task's (its
	 * counters change next; taking it first means the claim, which skips locked rows,
	 * never waits in a cycle with another rater). A statement of its own: what a query
	 * reads besides the rows it locks is as it was when the query began, before any wait
	 * for the locks, so {@link #HELD} reads after it.
	 */
	private static final String LOCK_ASSIGNMENT = """
			select a.id from rater r join assignment a on a.id = :assignment and a.rater_id = r.id
			  join task t on t.id = a.task_id
			where r.token_hash = :hash for update of r, a, t""";

	/**
	 * The rater, their study, the assignment being answered with its task and any
	 * judgment of it, and what the rest of the request needs to know about the rater.
	 */
	private static final String HELD = """
			select %s, %s,
			  t.attention_kind is not null as t_attention, t.item_id as t_item_id, t.model_a_id as t_model_a_id,
			  t.model_b_id as t_model_b_id, t.attention_good_side as t_attention_good_side,
			  j.id as j_id
			from rater r join assignment a on a.id = :assignment and a.rater_id = r.id join task t on t.id = a.task_id
			  left join study s on s.id = r.study_id %s
			  left join judgment j on j.assignment_id = a.id
			where r.token_hash = :hash""";

	/** Locks the rater's row, as {@link #LOCK_ASSIGNMENT} does. */
	private static final String LOCK_RATER = "select r.id from rater r where r.token_hash = :hash for update";

	/** The rater, their study, the lease they hold (if any) and what they have done. */
	private static final String RATER = """
			select %s, %s
			from rater r left join study s on s.id = r.study_id %s
			  left join assignment a on a.id = (select c.id from assignment c where c.rater_id = r.id
			    and c.state = 'leased' order by c.leased_at desc fetch first 1 rows only)
			where r.token_hash = :hash""";

	/** The rater's and the assignment's columns both queries read. */
	private static final String RATER_COLUMNS = """
			r.id as r_id, r.label as r_label, r.quota as r_quota, r.revoked_at as r_revoked_at, r.salt as r_salt,
			  r.token_hash as r_token_hash, r.participant as r_participant,
			  a.id as a_id, a.task_id as a_task_id, a.left_is_a as a_left_is_a, a.state as a_state,
			  a.leased_at as a_leased_at, a.expires_at as a_expires_at,
			  exists (select 1 from rater_exclusion x where x.rater_id = r.id) as r_excluded,
			  (select count(*) from judgment d where d.rater_id = r.id) as r_done,
			  (select count(*) from assignment k where k.rater_id = r.id and k.state = 'skipped') as r_skipped,
			  (select g.target from rater_target g where g.rater_id = r.id) as r_target""";

	private static final String ASSIGNMENT_COLUMNS = "(study_id, task_id, rater_id, left_is_a, state, leased_at, expires_at)";

	private final JdbcClient jdbc;

	private final Studies studies;

	/** PostgreSQL upserts with {@code on conflict}, H2 with {@code merge}. */
	private final boolean postgres;

	RatingLoopRepository(JdbcClient jdbc, Studies studies, DataSource dataSource) throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.studies = studies;
		this.postgres = JdbcUtils.extractDatabaseMetaData(dataSource, (meta) -> meta.getDatabaseProductName())
			.toLowerCase()
			.contains("postgres");
	}

	/**
	 * The assignment {@code assignmentId} of the rater behind {@code token}, locked as
	 * {@link #LOCK_ASSIGNMENT} says, and read; empty for an unknown token or someone
	 * else's assignment.
	 */
	Optional<Held> lockForJudgment(String token, long assignmentId) {
		if (token == null || token.isEmpty() || token.length() > 200) {
			return Optional.empty();
		}
		String hash = Raters.tokenHash(token);
		if (this.jdbc.sql(LOCK_ASSIGNMENT)
			.param("assignment", assignmentId)
			.param("hash", hash)
			.query()
			.listOfRows()
			.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.sql(HELD.formatted(Studies.ROW_COLUMNS, RATER_COLUMNS, Studies.ROW_JOINS))
			.param("assignment", assignmentId)
			.param("hash", hash)
			.query((rs, row) -> Raters.sameTokenHash(rs.getString("r_token_hash"), hash) ? held(rs) : null)
			.optional();
	}

	/**
	 * The rater behind {@code token} with the lease they hold, their row locked first;
	 * empty for an unknown token.
	 */
	Optional<Rating> lockRater(String token) {
		if (token == null || token.isEmpty() || token.length() > 200) {
			return Optional.empty();
		}
		String hash = Raters.tokenHash(token);
		this.jdbc.sql(LOCK_RATER).param("hash", hash).query().listOfRows();
		return this.jdbc.sql(RATER.formatted(Studies.ROW_COLUMNS, RATER_COLUMNS, Studies.ROW_JOINS))
			.param("hash", hash)
			.query((rs, row) -> Raters.sameTokenHash(rs.getString("r_token_hash"), hash) ? rating(rs) : null)
			.optional();
	}

	/**
	 * Records a judged assignment and the rater's next lease in one statement: the first
	 * keeps its lease and takes the state judged (its row is locked, so it is still
	 * leased); the second is a new row, or the row of an expired lease of the same task
	 * taken again (the rater's row is locked, so no other lease of theirs appears
	 * meanwhile). Returns the next lease's id, or empty without one.
	 */
	Optional<Long> judgeAndLease(long studyId, long raterId, Optional<AssignmentRow> judged, Optional<Long> nextTask,
			boolean leftIsA, Instant now, Instant expiresAt) {
		List<Object> values = new ArrayList<>();
		List<String> rows = new ArrayList<>();
		judged.ifPresent((assignment) -> {
			values.addAll(List.of(studyId, assignment.taskId(), raterId, assignment.leftIsA(), AssignmentRow.JUDGED,
					Timestamp.from(assignment.leasedAt()), Timestamp.from(assignment.expiresAt())));
			rows.add("(?, ?, ?, ?, ?, ?, ?)");
		});
		nextTask.ifPresent((taskId) -> {
			values.addAll(List.of(studyId, taskId, raterId, leftIsA, AssignmentRow.LEASED, Timestamp.from(now),
					Timestamp.from(expiresAt)));
			rows.add("(?, ?, ?, ?, ?, ?, ?)");
		});
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		String sql = this.postgres
				? "insert into assignment " + ASSIGNMENT_COLUMNS + " values " + String.join(", ", rows) + """
						 on conflict (task_id, rater_id) do update set left_is_a = excluded.left_is_a,
						  state = excluded.state, leased_at = excluded.leased_at, expires_at = excluded.expires_at
						returning id, task_id""" : "select id, task_id from final table (merge into assignment "
						+ ASSIGNMENT_COLUMNS + " key (task_id, rater_id) values " + String.join(", ", rows) + ")";
		return this.jdbc.sql(sql)
			.params(values)
			.query((rs, row) -> new long[] { rs.getLong("id"), rs.getLong("task_id") })
			.list()
			.stream()
			.filter((row) -> nextTask.isPresent() && row[1] == nextTask.get())
			.map((row) -> row[0])
			.findFirst();
	}

	private Rating rating(ResultSet rs) throws SQLException {
		Study study = this.studies.fromRow(rs);
		int quota = rs.getInt("r_quota");
		Integer boundedQuota = rs.wasNull() ? null : quota;
		Rater rater = new Rater(rs.getLong("r_id"), study.id(), rs.getString("r_label"), boundedQuota,
				rs.getTimestamp("r_revoked_at") != null, rs.getInt("r_salt"));
		long leaseId = rs.getLong("a_id");
		Optional<Lease> lease = rs.wasNull() ? Optional.empty()
				: Optional.of(new Lease(leaseId, rs.getLong("a_task_id"), rs.getBoolean("a_left_is_a")));
		int target = rs.getInt("r_target");
		Integer keptTarget = rs.wasNull() ? null : target;
		return new Rating(new RaterSession(rater, study), lease, rs.getBoolean("r_participant"),
				rs.getBoolean("r_excluded"), rs.getInt("r_done"), rs.getInt("r_skipped"), keptTarget);
	}

	private Held held(ResultSet rs) throws SQLException {
		Rating rating = rating(rs);
		RaterSession session = rating.session();
		AssignmentRow assignment = new AssignmentRow(rs.getLong("a_id"), rs.getLong("a_task_id"), session.rater().id(),
				rs.getBoolean("a_left_is_a"), rs.getString("a_state"), rs.getTimestamp("a_leased_at").toInstant(),
				rs.getTimestamp("a_expires_at").toInstant(), rs.getBoolean("t_attention"), rs.getLong("t_item_id"),
				rs.getLong("t_model_a_id"), rs.getLong("t_model_b_id"), rs.getString("t_attention_good_side"));
		rs.getLong("j_id");
		return new Held(rating, assignment, !rs.wasNull());
	}

	/**
	 * A rater as {@link #lockRater} finds them: {@code lease} the task they hold,
	 * {@code done} counts their judgments so far, {@code skipped} their skips,
	 * {@code keptTarget} the target they were first shown (null before it is kept);
	 * {@code participant} when they came through a recruitment link and may owe steps
	 * before tasks.
	 */
	record Rating(RaterSession session, Optional<Lease> lease, boolean participant, boolean excluded, int done,
			int skipped, Integer keptTarget) {
	}

	/** A lease a rater holds. */
	record Lease(long assignmentId, long taskId, boolean leftIsA) {
	}

	/**
	 * What {@link #lockForJudgment} found: the rater, the assignment answered and whether
	 * it has a judgment already.
	 */
	record Held(Rating rating, AssignmentRow assignment, boolean judged) {
	}

}
