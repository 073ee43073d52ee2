package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One page of a study's tasks (attention checks left out), filtered, in task order and
 * paged by key: a page reads only its own rows, however many tasks the study has.
 * Judgments of excluded raters are not counted, as they do not count in the results.
 */
@Repository
class TaskBrowserRepository {

	/**
	 * A judgment's label, as agreement reads it: the task's model A or B preferred (in
	 * the task's orientation, whichever way the judgment stores its models), or a tie
	 * (both bad included).
	 */
	private static final String LABEL = """
			case when j.winner in ('tie', 'both-bad') then 'tie'
			  when (j.winner = 'model_a') = (j.model_a_id = t.model_a_id) then 'a' else 'b' end""";

	private static final String COUNTED = """
			from judgment j where j.task_id = t.id
			  and not exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id)""";

	private static final String JUDGMENTS = "(select count(*) " + COUNTED + ")";

	private static final String LABELS = "(select count(distinct " + LABEL + ") " + COUNTED + ")";

	private static final String FLAGS = "(select count(*) from task_flag f where f.task_id = t.id)";

	private final JdbcClient jdbc;

	TaskBrowserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code size} tasks after task id {@code after} that pass the filter, and one
	 * more to tell whether a next page exists.
	 */
	List<TaskRow> page(long studyId, TaskFilter filter, long after, int size) {
		StringBuilder sql = new StringBuilder("select t.id, i.item_key, i.category, i.setting, ma.name as model_a, "
				+ "mb.name as model_b, t.needed, " + JUDGMENTS + " as judgments, " + LABELS + " as labels, " + FLAGS
				+ " as flags from task t join item i on i.id = t.item_id "
				+ "join model ma on ma.id = t.model_a_id join model mb on mb.id = t.model_b_id "
				+ "where t.study_id = :study and t.attention_kind is null and t.id > :after");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("study", studyId);
		params.put("after", after);
		if (filter.category() != null) {
			sql.append(" and i.category = :category");
			params.put("category", filter.category());
		}
		if (filter.setting() != null) {
			sql.append(" and i.setting = :setting");
			params.put("setting", filter.setting());
		}
		if (filter.item() != null) {
			sql.append(" and i.item_key = :item");
			params.put("item", filter.item());
		}
		if (filter.agreement() == TaskFilter.Agreement.DISAGREE) {
			sql.append(" and ").append(LABELS).append(" > 1");
		}
		else if (filter.agreement() == TaskFilter.Agreement.AGREE) {
			sql.append(" and ").append(JUDGMENTS).append(" >= 2 and ").append(LABELS).append(" = 1");
		}
		if (filter.flagged()) {
			sql.append(" and exists (select 1 from task_flag f where f.task_id = t.id)");
		}
		sql.append(" order by t.id limit :limit");
		params.put("limit", size + 1);
		List<TaskRow> rows = new ArrayList<>();
		this.jdbc.sql(sql.toString()).params(params).query((rs) -> {
			rows.add(new TaskRow(rs.getLong("id"), rs.getString("item_key"), rs.getString("category"),
					rs.getString("setting"), rs.getString("model_a"), rs.getString("model_b"), rs.getInt("needed"),
					rs.getInt("judgments"), rs.getInt("labels") > 1, rs.getInt("flags")));
		});
		return rows;
	}

	/**
	 * @param disagree whether the task's counted judgments carry more than one label
	 */
	record TaskRow(long id, String item, String category, String setting, String modelA, String modelB, int needed,
			int judgments, boolean disagree, int flags) {

		/** Two or more judgments, all with the same label. */
		public boolean agree() {
			return this.judgments >= 2 && !this.disagree;
		}

	}

}
