package dev.pairwise.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pairwise.rating.Winner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counts a plan rests on: items per category where every model has an output, and a
 * study's pilot judgment scores per task.
 */
@Repository
class PlanningRepository {

	private final JdbcClient jdbc;

	PlanningRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The models among {@code models} with at least one output for the eval set. */
	Set<String> modelsWithOutputs(long evalSetId, List<String> models) {
		return Set.copyOf(this.jdbc
			.sql("""
					select m.name from model m where m.name in (:models) and exists (
					  select 1 from output o join item i on i.id = o.item_id where o.model_id = m.id and i.eval_set_id = :set)""")
			.param("models", models)
			.param("set", evalSetId)
			.query(String.class)
			.list());
	}

	/**
	 * Items per category that every one of {@code models} has an output for (a task of
	 * each pair exists there), within the chosen categories and settings (none chosen:
	 * all).
	 */
	Map<String, Integer> itemsByCategory(long evalSetId, List<String> models, List<String> categories,
			List<String> settings) {
		StringBuilder sql = new StringBuilder("""
				select i.category, count(*) as items from item i
				where i.eval_set_id = :set and (select count(*) from output o join model m on m.id = o.model_id
				  where o.item_id = i.id and m.name in (:models)) = :modelCount""");
		if (!categories.isEmpty()) {
			sql.append(" and i.category in (:categories)");
		}
		if (!settings.isEmpty()) {
			sql.append(" and i.setting in (:settings)");
		}
		sql.append(" group by i.category");
		var statement = this.jdbc.sql(sql.toString())
			.param("set", evalSetId)
			.param("models", models)
			.param("modelCount", models.size());
		if (!categories.isEmpty()) {
			statement = statement.param("categories", categories);
		}
		if (!settings.isEmpty()) {
			statement = statement.param("settings", settings);
		}
		Map<String, Integer> counts = new LinkedHashMap<>();
		statement.query((rs) -> {
			counts.put(rs.getString("category"), rs.getInt("items"));
		});
		return counts;
	}

	/**
	 * The scores of the study's own raters' judgments, grouped by task: 1 when the model
	 * of the lower id won, 0 when the other did, ½ for a tie or both bad. Attention
	 * checks and excluded raters are left out, as the results leave them out.
	 */
	List<double[]> pilotScoresByTask(long studyId) {
		Map<Long, List<Double>> byTask = new LinkedHashMap<>();
		this.jdbc.sql("""
				select j.task_id, j.winner, j.model_a_id, j.model_b_id from judgment j
				where j.study_id = ? and j.task_id is not null and j.rater_id is not null and j.attention = false
				  and not exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id)
				order by j.task_id""").param(studyId).query((rs) -> {
			boolean aIsLower = rs.getLong("model_a_id") < rs.getLong("model_b_id");
			double score = switch (Winner.fromStored(rs.getString("winner"))) {
				case MODEL_A -> aIsLower ? 1 : 0;
				case MODEL_B -> aIsLower ? 0 : 1;
				case TIE, BOTH_BAD -> 0.5;
			};
			byTask.computeIfAbsent(rs.getLong("task_id"), (task) -> new ArrayList<>()).add(score);
		});
		return byTask.values()
			.stream()
			.map((scores) -> scores.stream().mapToDouble(Double::doubleValue).toArray())
			.toList();
	}

}
