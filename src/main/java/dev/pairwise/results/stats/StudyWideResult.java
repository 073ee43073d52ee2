package dev.pairwise.results.stats;

import java.util.List;

/**
 * Figures pooled over every model pair of a study, each pair seen from the model that
 * comes first in the study's order. A task is an (item, model pair), so a rater who
 * judged several pairs of one item judged several tasks. This is where agreement over a
 * whole multi-model campaign comes from (PandaLM's published kappas are over all of its
 * pairs), and it gives each rater one line however many pairs they judged.
 *
 * @param judgments judgments of the listed models
 * @param tasks distinct (item, model pair) tasks judged
 * @param agreement agreement as in {@link TwoModelResult#agreement()}, over all tasks
 * @param positionBias preference for the left response over all judgments
 * @param raters per-rater figures and flags over all their judgments, in name order
 */
public record StudyWideResult(int judgments, int tasks, Agreement agreement, PositionBias positionBias,
		List<RaterQuality> raters) {

	public StudyWideResult {
		raters = List.copyOf(raters);
	}

}
