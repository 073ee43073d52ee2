package dev.pairwise.results.stats;

/**
 * The focal model X against the other model Y over one group of judgments. With ties half
 * ({@link TiePolicy#HALF}) each judgment scores X 1 (X better), 0 (Y better) or ½ (tie or
 * both bad); with ties excluded ({@link TiePolicy#EXCLUDE}) only the decisive judgments
 * count, scored 1 and 0, and n, the win rate and its standard error are theirs.
 *
 * @param n judgments the win rate is over: all of them with ties half, wins + losses with
 * ties excluded
 * @param items distinct items judged (the bootstrap's resampling units)
 * @param wins judgments that found X better
 * @param losses judgments that found Y better
 * @param ties ties, both-bad answers included
 * @param bothBad both-bad answers (already counted in {@code ties})
 * @param focalFails judgments that marked X's response as a fail
 * @param otherFails judgments that marked Y's response as a fail
 * @param winRate mean score (ties half, as AlpacaEval; or wins / (wins + losses) with
 * ties excluded); null when n = 0
 * @param standardError sample standard deviation (n − 1) of the scores / √n; null with
 * fewer than two judgments
 * @param winRateExcludingTies wins / (wins + losses); null when there is no win or loss
 * @param bootstrap95 95% percentile item-bootstrap interval of the estimate the
 * {@link TiePolicy} selects; null when the bootstrap is off, when the group has fewer
 * than two items (one item gives nothing to resample, hence a zero-width interval that
 * would look like certainty) or when the estimate is undefined in every replicate
 * @param wilson95 Wilson score 95% interval of wins / (wins + losses), without continuity
 * correction; null when there is no win or loss
 * @param signTestP two-sided exact binomial p-value of wins among wins + losses against
 * ½; 1 when there is no win or loss
 */
public record WinRate(int n, int items, int wins, int losses, int ties, int bothBad, int focalFails, int otherFails,
		Double winRate, Double standardError, Double winRateExcludingTies, Interval bootstrap95, Interval wilson95,
		double signTestP) {

}
