package dev.pairwise.results.stats;

import java.util.List;

/**
 * One rater's judgments of a model pair, and whether they need a second look.
 *
 * @param judge the rater
 * @param judgments judgments of this pair
 * @param medianSeconds median time per judgment; null when no time was recorded
 * @param agreementJudgments judgments in tasks that someone else judged too
 * @param leaveOneOutAgreement mean agreement of those judgments with the mode of the
 * task's other judgments (as in {@link Agreement#leaveOneOutModeAgreement()}); null when
 * agreementJudgments = 0
 * @param leftRate share of the rater's non-tie judgments with a known left/right order
 * that chose the left response; null without any
 * @param leftRateP two-sided exact binomial p-value of that share against ½; 1 without
 * non-tie judgments
 * @param attention attention-check score; null when none was passed in for this rater
 * @param flagged whether {@code flags} is not empty
 * @param flags why the rater is flagged, see {@link RaterFlag}
 */
public record RaterQuality(String judge, int judgments, Double medianSeconds, int agreementJudgments,
		Double leaveOneOutAgreement, Double leftRate, double leftRateP, AttentionScore attention, boolean flagged,
		List<RaterFlag> flags) {

	public RaterQuality {
		flags = List.copyOf(flags);
	}

}
