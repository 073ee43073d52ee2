package dev.pairwise.results.stats;

/**
 * A closed interval, such as a 95% confidence interval.
 *
 * @param low lower bound
 * @param high upper bound
 */
public record Interval(double low, double high) {

	public boolean contains(double value) {
		return low <= value && value <= high;
	}

	public double width() {
		return high - low;
	}

}
