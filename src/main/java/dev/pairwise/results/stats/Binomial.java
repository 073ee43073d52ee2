package dev.pairwise.results.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Inference on a count of successes among trials with success probability ½ under the
 * null: the exact two-sided binomial test (sign test) and the Wilson score interval, as
 * {@code scipy.stats.binomtest} and its {@code proportion_ci(method="wilson")} compute
 * them.
 */
final class Binomial {

	private static final double Z_975 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

	private Binomial() {
	}

	/**
	 * Two-sided exact p-value of {@code successes} among {@code trials} against ½; 1
	 * without trials.
	 * <p>
	 * The exact test sums the probabilities of all outcomes no more likely than the
	 * observed one (R's {@code binom.test}, SciPy's {@code binomtest}). At ½ the
	 * distribution is symmetric, so those outcomes are the two tails beyond the observed
	 * distance from n/2, each of mass P(X ≤ min(k, n − k)). Commons Statistics'
	 * {@code BinomialTest} (inference 1.2) compares log-probabilities without tolerance
	 * and drops the mirror outcome when rounding makes it look a hair likelier: for 3 of
	 * 13 it gives 0.057 instead of 0.092, for 2 of 3 it gives 0.625 instead of 1.
	 */
	static double twoSidedP(int successes, int trials) {
		if (trials == 0) {
			return 1.0;
		}
		int nearerTail = Math.min(successes, trials - successes);
		double tail = BinomialDistribution.of(trials, 0.5).cumulativeProbability(nearerTail);
		return Math.min(1.0, 2 * tail);
	}

	/**
	 * Wilson score 95% interval without continuity correction (Newcombe 1998, method 3),
	 * with SciPy's arrangement of the terms and its exact bounds 0 for no success and 1
	 * for no failure; null without trials.
	 */
	static Interval wilson95(int successes, int trials) {
		if (trials == 0) {
			return null;
		}
		double n = trials;
		double p = successes / n;
		double z2 = Z_975 * Z_975;
		double denominator = 2 * (n + z2);
		double center = (2 * n * p + z2) / denominator;
		double delta = Z_975 / denominator * Math.sqrt(4 * n * p * (1 - p) + z2);
		double low = (successes == 0) ? 0.0 : center - delta;
		double high = (successes == trials) ? 1.0 : center + delta;
		return new Interval(low, high);
	}

}
