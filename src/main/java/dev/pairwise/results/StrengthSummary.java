package dev.pairwise.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.rating.Winner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How much better the preferred response was, as a graded study's raters said it: the
 * counted judgments with a strength, per pair and per category, split by the model that
 * won. The same judgments as every other figure: attention checks and excluded raters are
 * left out, and the source filter applies.
 */
@Component
class StrengthSummary {

	/** The answers a graded study asks for, weakest first. */
	static final List<String> LEVELS = List.of("slightly", "clearly", "much");

	private final JdbcClient jdbc;

	private final ResultsRepository repository;

	StrengthSummary(JdbcClient jdbc, ResultsRepository repository) {
		this.jdbc = jdbc;
		this.repository = repository;
	}

	/**
	 * One summary per pair, in the order of {@code pairs}, each seen from its first
	 * model; categories in {@code categoryOrder}, those without a strength answer left
	 * out.
	 */
	List<PairStrength> of(long studyId, List<String[]> pairs, List<String> categoryOrder, String source) {
		Map<Long, String> models = this.repository.studyModels(studyId);
		Map<String, Map<String, StrengthCounts>> byPairAndCategory = new HashMap<>();
		this.jdbc.sql("""
				select j.model_a_id, j.model_b_id, i.category, j.winner, j.strength, count(*) as answers
				from judgment j join item i on i.id = j.item_id
				where j.study_id = :study and j.attention = false and j.strength is not null
				  and j.winner in ('model_a', 'model_b')
				  and not exists (select 1 from rater_exclusion x where x.rater_id = j.rater_id)
				  and (cast(:source as varchar(100)) is null or j.source = :source)
				group by j.model_a_id, j.model_b_id, i.category, j.winner, j.strength""")
			.param("study", studyId)
			.param("source", source)
			.query((rs) -> {
				String strength = rs.getString("strength");
				if (!LEVELS.contains(strength)) {
					return;
				}
				boolean aWon = Winner.fromStored(rs.getString("winner")) == Winner.MODEL_A;
				String winner = models.get(rs.getLong(aWon ? "model_a_id" : "model_b_id"));
				String loser = models.get(rs.getLong(aWon ? "model_b_id" : "model_a_id"));
				byPairAndCategory.computeIfAbsent(key(winner, loser), (pair) -> new HashMap<>())
					.computeIfAbsent(rs.getString("category"), (category) -> StrengthCounts.empty())
					.won(strength, rs.getInt("answers"));
			});
		List<PairStrength> summaries = new ArrayList<>(pairs.size());
		for (String[] pair : pairs) {
			Map<String, StrengthCounts> focalWins = byPairAndCategory.getOrDefault(key(pair[0], pair[1]), Map.of());
			Map<String, StrengthCounts> otherWins = byPairAndCategory.getOrDefault(key(pair[1], pair[0]), Map.of());
			StrengthCounts overall = StrengthCounts.empty();
			Map<String, StrengthCounts> byCategory = new LinkedHashMap<>();
			for (String category : categoryOrder) {
				StrengthCounts counts = StrengthCounts.of(focalWins.get(category), otherWins.get(category));
				if (counts.total() > 0) {
					byCategory.put(category, counts);
					overall.add(counts);
				}
			}
			summaries.add(new PairStrength(pair[0], pair[1], overall, byCategory));
		}
		return summaries;
	}

	private static String key(String winner, String loser) {
		return winner + "\u0000" + loser;
	}

	/**
	 * @param focalModel the pair's first model
	 * @param otherModel the other model
	 * @param overall the pair's strength answers over all categories
	 * @param byCategory per category, in the eval set's order
	 */
	record PairStrength(String focalModel, String otherModel, StrengthCounts overall,
			Map<String, StrengthCounts> byCategory) {
	}

	/**
	 * Strength answers by level: {@code focal} when the focal model won, {@code other}
	 * when the other one did.
	 */
	record StrengthCounts(Map<String, Integer> focal, Map<String, Integer> other) {

		static StrengthCounts empty() {
			Map<String, Integer> focal = new LinkedHashMap<>();
			Map<String, Integer> other = new LinkedHashMap<>();
			for (String level : LEVELS) {
				focal.put(level, 0);
				other.put(level, 0);
			}
			return new StrengthCounts(focal, other);
		}

		/** The counts of one category: the focal model's wins and the other model's. */
		static StrengthCounts of(StrengthCounts focalWins, StrengthCounts otherWins) {
			StrengthCounts counts = empty();
			for (String level : LEVELS) {
				counts.focal.put(level, (focalWins != null) ? focalWins.focal.get(level) : 0);
				counts.other.put(level, (otherWins != null) ? otherWins.focal.get(level) : 0);
			}
			return counts;
		}

		int total() {
			int total = 0;
			for (String level : LEVELS) {
				total += this.focal.get(level) + this.other.get(level);
			}
			return total;
		}

		private void won(String level, int answers) {
			this.focal.merge(level, answers, Integer::sum);
		}

		private void add(StrengthCounts counts) {
			for (String level : LEVELS) {
				this.focal.merge(level, counts.focal.get(level), Integer::sum);
				this.other.merge(level, counts.other.get(level), Integer::sum);
			}
		}

	}

}
