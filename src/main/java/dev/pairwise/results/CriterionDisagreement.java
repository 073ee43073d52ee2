package dev.pairwise.results;

import java.util.List;
import java.util.Map;

import dev.pairwise.study.StudyCriteria;

/**
 * How often a criterion's answer differs from the overall choice of the same judgment,
 * over the counted judgments that answered the criterion; a both-bad overall answer
 * counts as a tie.
 *
 * @param criterion the criterion's id
 * @param label its question, in English
 * @param judgments judgments that answered it
 * @param disagreeing those whose criterion winner is not the overall winner
 * @param rate {@code disagreeing / judgments}; null without judgments
 */
record CriterionDisagreement(String criterion, String label, int judgments, int disagreeing, Double rate) {

	static List<CriterionDisagreement> of(StudyCriteria criteria, Map<String, int[]> counts) {
		return criteria.criteria().stream().map((criterion) -> {
			int[] count = counts.getOrDefault(criterion.id(), new int[2]);
			return new CriterionDisagreement(criterion.id(), criterion.label(), count[0], count[1],
					(count[0] > 0) ? (double) count[1] / count[0] : null);
		}).toList();
	}

}
