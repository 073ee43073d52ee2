package dev.pairwise.rating;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How far a study has come: judgments done against needed, per group and per rater. */
@Repository
class ProgressRepository {

	private final JdbcClient jdbc;

	ProgressRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<GroupProgress> byGroup(long studyId, String column) {
		return this.jdbc.sql("select i." + column + " as label, sum(cast(t.accepted as bigint)) as done,"
				+ " sum(cast(t.needed as bigint)) as needed, sum(cast(t.leased as bigint)) as leased, count(*) as tasks, sum(case when t.accepted >= t.needed then 1 else 0 end)"
				+ " as complete from task t join item i on i.id = t.item_id"
				+ " where t.study_id = ? and t.attention_kind is null group by i." + column
				+ " order by min(i.position)")
			.param(studyId)
			.query((rs, row) -> new GroupProgress(rs.getString("label"), rs.getLong("done"), rs.getLong("needed"),
					rs.getLong("leased"), rs.getLong("tasks"), rs.getLong("complete")))
			.list();
	}

	List<RaterProgress> byRater(long studyId) {
		return this.jdbc
			.sql("""
					select r.id, r.label, r.quota, r.revoked_at,
					  (select count(*) from judgment j where j.rater_id = r.id and j.attention = false) as judgments,
					  (select count(*) from judgment j where j.rater_id = r.id and j.attention = true) as checks,
					  (select count(*) from judgment j where j.rater_id = r.id and j.attention_correct = true) as checks_passed,
					  (select count(*) from assignment a where a.rater_id = r.id and a.state = 'skipped') as skipped,
					  (select count(*) from task_flag f where f.rater_id = r.id) as flags,
					  (select max(j.created_at) from judgment j where j.rater_id = r.id) as last_active
					from rater r where r.study_id = ? order by r.id""")
			.param(studyId)
			.query((rs, row) -> {
				int quota = rs.getInt("quota");
				Integer boundedQuota = rs.wasNull() ? null : quota;
				Timestamp last = rs.getTimestamp("last_active");
				return new RaterProgress(rs.getLong("id"), rs.getString("label"), boundedQuota,
						rs.getTimestamp("revoked_at") != null, rs.getInt("judgments"), rs.getInt("checks"),
						rs.getInt("checks_passed"), rs.getInt("skipped"), rs.getInt("flags"),
						(last != null) ? last.toInstant() : null);
			})
			.list();
	}

	/** One page of the study's flags, newest first. */
	List<FlagRow> flags(long studyId, int offset, int limit) {
		return this.jdbc
			.sql("""
					select f.task_id, i.item_key, r.label, f.note, f.created_at from task_flag f join task t on t.id = f.task_id
					join item i on i.id = t.item_id join rater r on r.id = f.rater_id
					where f.study_id = ? order by f.created_at desc, f.id desc offset ? rows fetch next ? rows only""")
			.params(studyId, offset, limit)
			.query((rs, row) -> new FlagRow(rs.getLong("task_id"), rs.getString("item_key"), rs.getString("label"),
					rs.getString("note"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** How many flags the study has, on how many tasks, from how many raters. */
	FlagCounts flagCounts(long studyId) {
		return this.jdbc.sql("""
				select count(*) as flags, count(distinct task_id) as tasks, count(distinct rater_id) as raters
				from task_flag where study_id = ?""")
			.param(studyId)
			.query((rs, row) -> new FlagCounts(rs.getLong("flags"), rs.getLong("tasks"), rs.getLong("raters")))
			.single();
	}

	/** The study's flags counted by the category of their item, most flagged first. */
	List<CategoryFlags> flagsByCategory(long studyId) {
		return this.jdbc.sql("""
				select i.category, count(*) as flags from task_flag f join task t on t.id = f.task_id
				join item i on i.id = t.item_id where f.study_id = ?
				group by i.category order by count(*) desc, i.category""")
			.param(studyId)
			.query((rs, row) -> new CategoryFlags(rs.getString("category"), rs.getLong("flags")))
			.list();
	}

	record GroupProgress(String label, long done, long needed, long leased, long tasks, long complete) {
	}

	record RaterProgress(long raterId, String label, Integer quota, boolean revoked, int judgments, int attentionChecks,
			int attentionChecksPassed, int skipped, int flags, Instant lastActive) {
	}

	record FlagRow(long taskId, String item, String rater, String note, Instant at) {
	}

	record FlagCounts(long flags, long tasks, long raters) {
	}

	record CategoryFlags(String category, long flags) {
	}

}
