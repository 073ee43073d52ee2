package dev.pairwise.results.stats;

/**
 * Observed result of the row model against the column model.
 *
 * @param n judgments of the two models
 * @param winRate mean score of the row model, ties (and both-bad answers) half
 */
public record PairwiseCell(int n, double winRate) {

}
