package dev.pairwise.results.stats;

import java.util.List;

/**
 * Inter-rater agreement of a model pair over the tasks with at least two judgments, each
 * judgment labelled X better, Y better or tie (a both-bad answer is a tie). All figures
 * are null without such a task.
 *
 * @param ratedTasks tasks with at least two judgments
 * @param pairwiseAgreement agreeing pairs of judgments / all pairs of judgments of a
 * task, pooled over tasks (MT-Bench's agreement)
 * @param leaveOneOutModeAgreement mean over judgments of the agreement with the mode of
 * the other judgments of the task, scoring 1/|modes| when the others' mode is not unique
 * and the own label is one of them (AlpacaEval's human agreement)
 * @param krippendorffAlphaNominal Krippendorff's alpha for nominal data; null when only
 * one label is used (no expected disagreement)
 * @param fleissKappa Fleiss' kappa; null unless every rated task has the same number of
 * judgments, and when only one label is used
 * @param cohenKappaByRaterPair Cohen's kappa of each pair of raters that share a task,
 * ordered by name
 */
public record Agreement(int ratedTasks, Double pairwiseAgreement, Double leaveOneOutModeAgreement,
		Double krippendorffAlphaNominal, Double fleissKappa, List<RaterPairKappa> cohenKappaByRaterPair) {

	public Agreement {
		cohenKappaByRaterPair = List.copyOf(cohenKappaByRaterPair);
	}

}
