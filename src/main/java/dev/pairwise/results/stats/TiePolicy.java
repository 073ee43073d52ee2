package dev.pairwise.results.stats;

/**
 * How ties (and both-bad answers) enter the headline win rate and its bootstrap interval.
 */
public enum TiePolicy {

	/** A tie scores half a win, as in AlpacaEval's win rate. */
	HALF,

	/** Ties are left out: wins / (wins + losses). */
	EXCLUDE

}
