package dev.pairwise.results.stats;

import java.util.Arrays;

/**
 * Bradley–Terry strengths π by maximum likelihood, P(i beats j) = π<sub>i</sub> /
 * (π<sub>i</sub> + π<sub>j</sub>), fitted with the minorisation–maximisation algorithm of
 * Hunter (2004, "MM algorithms for generalized Bradley–Terry models"): π<sub>i</sub> ←
 * W<sub>i</sub> / Σ<sub>j</sub> n<sub>ij</sub> / (π<sub>i</sub> + π<sub>j</sub>). A tie
 * counts as half a win each way, so W<sub>i</sub> may be fractional. Strengths are
 * normalised to a geometric mean of 1.
 */
final class BradleyTerry {

	private static final int MAX_ITERATIONS = 100_000;

	private final int models;

	private final int[] first;

	private final int[] second;

	/** The compared pairs: pair p is models {@code first[p]} and {@code second[p]}. */
	BradleyTerry(int models, int[] first, int[] second) {
		this.models = models;
		this.first = first;
		this.second = second;
	}

	/**
	 * Whether the maximum-likelihood estimate exists (Zermelo 1929; Ford 1957): for every
	 * split of the models into two groups, some model of each group scored against some
	 * model of the other, that is, the graph "i scored against j" is strongly connected.
	 * Otherwise a strength runs off to 0 or infinity.
	 */
	boolean estimable(double[] firstScore, double[] count) {
		boolean[] scored = new boolean[models * models];
		for (int p = 0; p < first.length; p++) {
			scored[first[p] * models + second[p]] |= firstScore[p] > 0;
			scored[second[p] * models + first[p]] |= count[p] - firstScore[p] > 0;
		}
		return reachesAll(scored, false) && reachesAll(scored, true);
	}

	/**
	 * @param firstScore per pair, the score of its first model (wins, ties half)
	 * @param count per pair, the number of comparisons
	 * @param start strengths to start from, such as an earlier fit (warm start)
	 * @param tolerance stop when no log-strength changes by more than this in an
	 * iteration
	 * @return strengths, geometric mean 1; call only when {@link #estimable} holds
	 */
	double[] fit(double[] firstScore, double[] count, double[] start, double tolerance) {
		double[] wins = new double[models];
		for (int p = 0; p < first.length; p++) {
			wins[first[p]] += firstScore[p];
			wins[second[p]] += count[p] - firstScore[p];
		}
		double[] strength = start.clone();
		double[] next = new double[models];
		double[] denominator = new double[models];
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			Arrays.fill(denominator, 0);
			for (int p = 0; p < first.length; p++) {
				double term = count[p] / (strength[first[p]] + strength[second[p]]);
				denominator[first[p]] += term;
				denominator[second[p]] += term;
			}
			double meanLog = 0;
			for (int model = 0; model < models; model++) {
				next[model] = wins[model] / denominator[model];
				meanLog += Math.log(next[model]);
			}
			double scale = Math.exp(-meanLog / models);
			double largestChange = 0;
			for (int model = 0; model < models; model++) {
				next[model] *= scale;
				largestChange = Math.max(largestChange, Math.abs(Math.log(next[model] / strength[model])));
			}
			double[] previous = strength;
			strength = next;
			next = previous;
			if (largestChange < tolerance) {
				break;
			}
		}
		return strength;
	}

	/** Elo scale: 400 points per factor of ten in odds, shifted to a mean of 1000. */
	static double[] elo(double[] strength) {
		double[] elo = new double[strength.length];
		double mean = 0;
		for (int model = 0; model < strength.length; model++) {
			elo[model] = 400 * Math.log10(strength[model]);
			mean += elo[model] / strength.length;
		}
		for (int model = 0; model < strength.length; model++) {
			elo[model] += 1000 - mean;
		}
		return elo;
	}

	private boolean reachesAll(boolean[] scored, boolean reversed) {
		boolean[] reached = new boolean[models];
		int[] stack = new int[models];
		int depth = 0;
		reached[0] = true;
		stack[depth++] = 0;
		int count = 1;
		while (depth > 0) {
			int from = stack[--depth];
			for (int to = 0; to < models; to++) {
				boolean edge = reversed ? scored[to * models + from] : scored[from * models + to];
				if (edge && !reached[to]) {
					reached[to] = true;
					stack[depth++] = to;
					count++;
				}
			}
		}
		return count == models;
	}

}
