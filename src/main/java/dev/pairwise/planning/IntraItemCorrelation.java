package dev.pairwise.planning;

import java.util.List;

/**
 * The intra-item correlation ρ of judgment scores, estimated from pilot judgments by the
 * one-way analysis-of-variance estimator ICC(1) for groups of unequal size (Donner &amp;
 * Koval 1980; Snedecor &amp; Cochran, Statistical Methods, §13.3): with g tasks of
 * m<sub>i</sub> scores each, N in all, <pre>
 * MSB = Σ m_i (ȳ_i − ȳ)² / (g − 1)      MSW = Σ Σ (y_ij − ȳ_i)² / (N − g)
 * m₀ = (N − Σ m_i² / N) / (g − 1)       ρ = (MSB − MSW) / (MSB + (m₀ − 1) MSW)
 * </pre> clamped to [0, 1] (a negative estimate means no positive correlation was seen,
 * and planning with ρ &lt; 0 would promise more than independent judgments give).
 */
final class IntraItemCorrelation {

	/**
	 * Tasks with at least two judgments needed before a pilot's estimate is used instead
	 * of the default: fewer leave the between-task mean square too noisy to plan with.
	 */
	static final int MIN_TASKS = 10;

	private IntraItemCorrelation() {
	}

	/**
	 * @param scoresByTask each task's judgment scores (1, 0 or ½), tasks with fewer than
	 * two judgments left out
	 * @return ρ in [0, 1], or null with fewer than {@link #MIN_TASKS} tasks or without
	 * any variation in the scores
	 */
	static Double estimate(List<double[]> scoresByTask) {
		List<double[]> tasks = scoresByTask.stream().filter((scores) -> scores.length >= 2).toList();
		int groups = tasks.size();
		if (groups < MIN_TASKS) {
			return null;
		}
		long total = 0;
		double sum = 0;
		double sumOfSquaredSizes = 0;
		for (double[] scores : tasks) {
			total += scores.length;
			sumOfSquaredSizes += (double) scores.length * scores.length;
			for (double score : scores) {
				sum += score;
			}
		}
		double grandMean = sum / total;
		double between = 0;
		double within = 0;
		for (double[] scores : tasks) {
			double mean = 0;
			for (double score : scores) {
				mean += score;
			}
			mean /= scores.length;
			between += scores.length * (mean - grandMean) * (mean - grandMean);
			for (double score : scores) {
				within += (score - mean) * (score - mean);
			}
		}
		double meanSquareBetween = between / (groups - 1);
		double meanSquareWithin = within / (total - groups);
		double typicalSize = (total - sumOfSquaredSizes / total) / (groups - 1);
		double denominator = meanSquareBetween + (typicalSize - 1) * meanSquareWithin;
		if (denominator <= 0) {
			return null;
		}
		return Math.min(1, Math.max(0, (meanSquareBetween - meanSquareWithin) / denominator));
	}

}
