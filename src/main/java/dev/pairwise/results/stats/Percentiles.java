package dev.pairwise.results.stats;

import java.util.Arrays;

/**
 * Percentile intervals of bootstrap replicates, by linear interpolation between order
 * statistics (NumPy's default, Hyndman and Fan type 7).
 */
final class Percentiles {

	private Percentiles() {
	}

	/**
	 * The central 95% interval of the finite values; NaN marks a replicate in which the
	 * statistic was undefined and is left out. Null when no value is finite.
	 */
	static Interval central95(double[] values) {
		double[] finite = new double[values.length];
		int count = 0;
		for (double value : values) {
			if (!Double.isNaN(value)) {
				finite[count++] = value;
			}
		}
		if (count == 0) {
			return null;
		}
		Arrays.sort(finite, 0, count);
		return new Interval(quantile(finite, count, 0.025), quantile(finite, count, 0.975));
	}

	private static double quantile(double[] sorted, int count, double probability) {
		double position = (count - 1) * probability;
		int below = (int) Math.floor(position);
		int above = Math.min(below + 1, count - 1);
		double fraction = position - below;
		return sorted[below] + fraction * (sorted[above] - sorted[below]);
	}

}
