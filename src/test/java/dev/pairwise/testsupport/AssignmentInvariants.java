package dev.pairwise.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks DESIGN.md's assignment invariants on the stored state of a study once no request
 * is in flight, on any database: shared by the concurrency tests and the benchmark. Each
 * check is a query that counts the rows breaking it; {@link #violations()} names every
 * check that found any.
 */
public final class AssignmentInvariants {

	private final JdbcClient jdbc;

	private final long studyId;

	public AssignmentInvariants(JdbcClient jdbc, long studyId) {
		this.jdbc = jdbc;
		this.studyId = studyId;
	}

	/**
	 * Each violated invariant with the number of rows that break it; empty when all hold.
	 */
	public List<String> violations() {
		List<String> violations = new ArrayList<>();
		check(violations, "1. a task has more accepted judgments than it needs", """
				select count(*) from task t where t.study_id = ? and t.attention_kind is null
				  and (select count(*) from judgment j where j.task_id = t.id) > t.needed""");
		check(violations, "1. a task's accepted counter differs from its judgments", """
				select count(*) from task t where t.study_id = ? and t.attention_kind is null
				  and t.accepted <> (select count(*) from judgment j where j.task_id = t.id)""");
		check(violations, "1. a task's leased counter differs from its live leases", """
				select count(*) from task t where t.study_id = ? and t.attention_kind is null
				  and t.leased <> (select count(*) from assignment a where a.task_id = t.id and a.state = 'leased')""");
		check(violations, "1. a task has more accepted plus leased than it needs", """
				select count(*) from task t where t.study_id = ? and t.attention_kind is null
				  and t.accepted + t.leased > t.needed""");
		check(violations, "2. a rater judged a task twice", """
				select count(*) from (select j.task_id, j.rater_id from judgment j where j.study_id = ?
				  and j.source = 'raters' group by j.task_id, j.rater_id having count(*) > 1) twice""");
		check(violations, "2. a rater was given a task of a study they were not invited to", """
				select count(*) from assignment a join task t on t.id = a.task_id join rater r on r.id = a.rater_id
				where t.study_id = ? and (r.study_id <> t.study_id or a.study_id <> t.study_id)""");
		check(violations, "2. a judgment belongs to a rater of another study", """
				select count(*) from judgment j join task t on t.id = j.task_id join rater r on r.id = j.rater_id
				where t.study_id = ? and (r.study_id <> t.study_id or j.study_id <> t.study_id)""");
		check(violations, "3. a judgment's left side differs from its assignment's", """
				select count(*) from judgment j join assignment a on a.id = j.assignment_id
				where j.study_id = ? and (j.left_is_a <> a.left_is_a or a.state <> 'judged')""");
		check(violations, "5. a rater judged more real tasks than their quota", """
				select count(*) from rater r where r.study_id = ? and r.quota is not null
				  and r.quota < (select count(*) from judgment j where j.rater_id = r.id and j.attention = false)""");
		check(violations, "5. an attention check is not marked as one, or a real task is", """
				select count(*) from judgment j join task t on t.id = j.task_id
				where j.study_id = ? and j.attention <> (t.attention_kind is not null)""");
		check(violations, "6. an assignment has more than one judgment", """
				select count(*) from (select j.assignment_id from judgment j where j.study_id = ?
				  group by j.assignment_id having count(*) > 1) twice""");
		check(violations, "6. a judged assignment has no judgment", """
				select count(*) from assignment a where a.study_id = ? and a.state = 'judged'
				  and not exists (select 1 from judgment j where j.assignment_id = a.id)""");
		check(violations, "the count of open tasks that rater progress reads is off by", """
				select abs((select count(*) from task t where t.study_id = s.id and t.open_load >= 0)
				  - (select coalesce(sum(c.tasks), 0) from open_task_count c where c.study_id = s.id))
				from study s where s.id = ?""");
		return violations;
	}

	/**
	 * How unevenly covered the real tasks are: the largest minus the smallest accepted
	 * plus leased count. Invariant 3 (least covered first) keeps it small while a study
	 * runs.
	 */
	public int coverageSpread() {
		return this.jdbc.sql("""
				select coalesce(max(accepted + leased) - min(accepted + leased), 0) from task
				where study_id = ? and attention_kind is null""").param(this.studyId).query(Integer.class).single();
	}

	/**
	 * Judgments whose left response was model_a, and all judgments, of the study's
	 * raters.
	 */
	public int[] leftIsAOf() {
		return this.jdbc.sql("""
				select coalesce(sum(case when left_is_a then 1 else 0 end), 0), count(*) from judgment
				where study_id = ? and source = 'raters'""")
			.param(this.studyId)
			.query((rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
	}

	private void check(List<String> violations, String invariant, String sql) {
		int rows = this.jdbc.sql(sql).param(this.studyId).query(Integer.class).single();
		if (rows != 0) {
			violations.add(invariant + ": " + rows);
		}
	}

}
