package dev.pairwise.exclusion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of exclusions. */
@Repository
class ExclusionRepository {

	private static final String STANDING = """
			select r.id, r.label, x.reason, x.excluded_at,
			  (select count(*) from judgment j where j.rater_id = r.id and j.attention = false) as judgments
			from rater r left join rater_exclusion x on x.rater_id = r.id""";

	private final JdbcClient jdbc;

	ExclusionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the rater's row lock, which a rater's own requests take too, so that an
	 * answer in flight is either counted before the exclusion or refused after it; false
	 * for a rater not of this study.
	 */
	boolean lockRater(long studyId, long raterId) {
		return !this.jdbc.sql("select id from rater where id = ? and study_id = ? for update")
			.params(raterId, studyId)
			.query(Long.class)
			.list()
			.isEmpty();
	}

	Optional<RaterStanding> standing(long raterId) {
		return this.jdbc.sql(STANDING + " where r.id = ?").param(raterId).query((rs, row) -> {
			Timestamp at = rs.getTimestamp("excluded_at");
			return new RaterStanding(rs.getLong("id"), rs.getString("label"), at != null, rs.getString("reason"),
					(at != null) ? at.toInstant() : null, rs.getInt("judgments"));
		}).optional();
	}

	List<RaterStanding> excludedOf(long studyId) {
		return this.jdbc.sql(STANDING + " where r.study_id = ? and x.rater_id is not null order by r.id")
			.param(studyId)
			.query((rs, row) -> new RaterStanding(rs.getLong("id"), rs.getString("label"), true, rs.getString("reason"),
					rs.getTimestamp("excluded_at").toInstant(), rs.getInt("judgments")))
			.list();
	}

	void insert(long studyId, long raterId, String reason, Instant at) {
		this.jdbc.sql("insert into rater_exclusion (rater_id, study_id, reason, excluded_at) values (?, ?, ?, ?)")
			.params(raterId, studyId, reason, Timestamp.from(at))
			.update();
	}

	void delete(long raterId) {
		this.jdbc.sql("delete from rater_exclusion where rater_id = ?").param(raterId).update();
	}

	/**
	 * The task of each of the rater's judgments of real tasks (one judgment per task).
	 */
	List<Long> judgedTasks(long raterId) {
		return this.jdbc
			.sql("select task_id from judgment where rater_id = ? and attention = false and task_id is not null")
			.param(raterId)
			.query(Long.class)
			.list();
	}

}
