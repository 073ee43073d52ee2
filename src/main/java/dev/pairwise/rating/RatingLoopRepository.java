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
	 * The rater, their study, the assignment being answered with its task and any
	 * judgment of it, and what the rest of the request needs to know about the rater.
	 * Locks the rater's row (an exclusion takes it first, so a judgment either finishes
	 * before an exclusion or sees it; a rater's parallel requests take turns), the
	 * assignment's (the lease sweeper cannot end it meanwhile) and the task's (its
	 * counters change next; taking it first means the claim, which skips locked rows,
	 * never waits in a cycle with another rater). The study and the rest are outer joins,
	 * which neither database locks here ({@code of} names the locked tables for
	 * PostgreSQL; H2 locks the inner joins' rows only).
	 */
	private static final String HELD = """
			select %s,
			  r.id as r_id, r.label as r_label, r.quota as r_quota, r.revoked_at as r_revoked_at, r.salt as r_salt,
			  r.token_hash as r_token_hash, r.participant as r_participant,
			  a.id as a_id, a.task_id as a_task_id, a.left_is_a as a_left_is_a, a.state as a_state,
			  a.leased_at as a_leased_at, a.expires_at as a_expires_at,
			  t.attention_kind is not null as t_attention, t.item_id as t_item_id, t.model_a_id as t_model_a_id,
			  t.model_b_id as t_model_b_id, t.attention_good_side as t_attention_good_side,
			  j.id as j_id,
			  exists (select 1 from rater_exclusion x where x.rater_id = r.id) as r_excluded,
			  (select count(*) from judgment d where d.rater_id = r.id) as r_done,
			  (select count(*) from assignment k where k.rater_id = r.id and k.state = 'skipped') as r_skipped,
			  (select g.target from rater_target g where g.rater_id = r.id) as r_target
			from rater r join assignment a on a.id = :assignment and a.rater_id = r.id join task t on t.id = a.task_id
			  left join study s on s.id = r.study_id %s
			  left join judgment j on j.assignment_id = a.id
			where r.token_hash = :hash for update of r, a, t""".formatted(Studies.ROW_COLUMNS, Studies.ROW_JOINS);

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
	 * {@link #HELD} says; empty for an unknown token or someone else's assignment.
	 */
	Optional<Held> lockForJudgment(String token, long assignmentId) {
		if (token == null || token.isEmpty() || token.length() > 200) {
			return Optional.empty();
		}
		String hash = Raters.tokenHash(token);
		return this.jdbc.sql(HELD)
			.param("assignment", assignmentId)
			.param("hash", hash)
			.query((rs, row) -> Raters.sameTokenHash(rs.getString("r_token_hash"), hash) ? held(rs) : null)
			.optional();
	}

	/**
	 * Records a judged assignment and the rater's next lease in one statement: the first
	 * keeps its lease and takes the state judged (its row is locked, so it is still
	 * leased); the second is a new row, or the row of an expired lease of the same task
	 * taken again. Returns the next lease's id, or empty without one.
	 */
	Optional<Long> judgeAndLease(long studyId, long raterId, AssignmentRow judged, Optional<Long> nextTask,
			boolean leftIsA, Instant now, Instant expiresAt) {
		List<Object> values = new ArrayList<>(List.of(studyId, judged.taskId(), raterId, judged.leftIsA(),
				AssignmentRow.JUDGED, Timestamp.from(judged.leasedAt()), Timestamp.from(judged.expiresAt())));
		String rows = "(?, ?, ?, ?, ?, ?, ?)";
		if (nextTask.isPresent()) {
			values.addAll(List.of(studyId, nextTask.get(), raterId, leftIsA, AssignmentRow.LEASED, Timestamp.from(now),
					Timestamp.from(expiresAt)));
			rows += ", (?, ?, ?, ?, ?, ?, ?)";
		}
		String sql = this.postgres ? "insert into assignment " + ASSIGNMENT_COLUMNS + " values " + rows + """
				on conflict (task_id, rater_id) do update set left_is_a = excluded.left_is_a, state = excluded.state,
				 leased_at = excluded.leased_at, expires_at = excluded.expires_at returning id, task_id"""
				: "select id, task_id from final table (merge into assignment " + ASSIGNMENT_COLUMNS
						+ " key (task_id, rater_id) values " + rows + ")";
		return this.jdbc.sql(sql)
			.params(values)
			.query((rs, row) -> new long[] { rs.getLong("id"), rs.getLong("task_id") })
			.list()
			.stream()
			.filter((row) -> nextTask.isPresent() && row[1] == nextTask.get())
			.map((row) -> row[0])
			.findFirst();
	}

	private Held held(ResultSet rs) throws SQLException {
		Study study = this.studies.fromRow(rs);
		int quota = rs.getInt("r_quota");
		Integer boundedQuota = rs.wasNull() ? null : quota;
		Rater rater = new Rater(rs.getLong("r_id"), study.id(), rs.getString("r_label"), boundedQuota,
				rs.getTimestamp("r_revoked_at") != null, rs.getInt("r_salt"));
		AssignmentRow assignment = new AssignmentRow(rs.getLong("a_id"), rs.getLong("a_task_id"), rater.id(),
				rs.getBoolean("a_left_is_a"), rs.getString("a_state"), rs.getTimestamp("a_leased_at").toInstant(),
				rs.getTimestamp("a_expires_at").toInstant(), rs.getBoolean("t_attention"), rs.getLong("t_item_id"),
				rs.getLong("t_model_a_id"), rs.getLong("t_model_b_id"), rs.getString("t_attention_good_side"));
		rs.getLong("j_id");
		boolean judged = !rs.wasNull();
		int target = rs.getInt("r_target");
		Integer keptTarget = rs.wasNull() ? null : target;
		return new Held(new RaterSession(rater, study), assignment, judged, rs.getBoolean("r_participant"),
				rs.getBoolean("r_excluded"), rs.getInt("r_done"), rs.getInt("r_skipped"), keptTarget);
	}

	/**
	 * What {@link #lockForJudgment} found: {@code done} counts the rater's judgments so
	 * far, {@code skipped} their skips, {@code keptTarget} the target they were first
	 * shown (null before it is kept); {@code participant} when they came through a
	 * recruitment link and may owe steps before tasks.
	 */
	record Held(RaterSession session, AssignmentRow assignment, boolean judged, boolean participant, boolean excluded,
			int done, int skipped, Integer keptTarget) {
	}

}
