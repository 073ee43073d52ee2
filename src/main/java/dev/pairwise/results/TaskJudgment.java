package dev.pairwise.results;

import dev.pairwise.rating.Winner;

/**
 * One judgment of a disputed task, seen from the task's first model.
 *
 * @param judge who judged
 * @param source {@code raters} or {@code import:<name>}
 * @param label {@code first}, {@code second} or {@code tie} (the model found better)
 * @param bothBad whether the tie was a both-bad answer
 * @param firstOnLeft whether the first model's response was shown on the left; null when
 * not recorded
 * @param firstFailed whether the first model's response was marked as a fail
 * @param secondFailed whether the second model's response was marked as a fail
 * @param strength how much better (graded studies), or null
 * @param reason the judge's reason, or null
 * @param elapsedMs time spent, or null
 */
record TaskJudgment(String judge, String source, String label, boolean bothBad, Boolean firstOnLeft,
		boolean firstFailed, boolean secondFailed, String strength, String reason, Long elapsedMs) {

	static String label(Winner winner, boolean firstIsA) {
		return switch (winner) {
			case MODEL_A -> firstIsA ? "first" : "second";
			case MODEL_B -> firstIsA ? "second" : "first";
			case TIE, BOTH_BAD -> "tie";
		};
	}

}
