package dev.pairwise.results.stats;

/**
 * Why a rater is flagged for review. A flagged rater is reported, never silently dropped:
 * the numbers still include their judgments, and a person decides.
 */
public enum RaterFlag {

	/**
	 * Leave-one-out agreement more than {@value RaterReview#AGREEMENT_GAP} below the
	 * median of the raters with at least {@value RaterReview#MIN_AGREEMENT_JUDGMENTS}
	 * judgments in multiply-rated tasks (only when there are at least
	 * {@value RaterReview#MIN_PEERS} such raters, the rater being one of them).
	 */
	LOW_AGREEMENT,

	/**
	 * Chose the left response so often (or so rarely) that the two-sided binomial p-value
	 * against ½ is below {@value RaterReview#POSITION_P_THRESHOLD}.
	 */
	POSITION_BIAS,

	/**
	 * Attention-check accuracy below {@value RaterReview#MIN_ATTENTION_ACCURACY} with at
	 * least {@value RaterReview#MIN_ATTENTION_MISSES} checks missed, so that a single
	 * slip does not flag anyone.
	 */
	FAILED_ATTENTION_CHECKS,

	/**
	 * Median time per judgment below the study's threshold (by default
	 * {@value RaterReview#TOO_FAST_SECONDS} seconds), with at least
	 * {@value RaterReview#MIN_TIMED_JUDGMENTS} timed judgments: less than it takes to
	 * read two responses.
	 */
	TOO_FAST

}
