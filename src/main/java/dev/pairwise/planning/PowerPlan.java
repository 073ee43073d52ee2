package dev.pairwise.planning;

/**
 * The expected 95% interval of a win rate over {@code items} items with {@code k}
 * judgments each, and the k that reaches a chosen half-width.
 * <p>
 * <b>Derivation.</b> A judgment scores the focal model 1 (better), 0 (worse) or ½ (tie or
 * both bad), the results' default tie policy. With a true win rate p (ties half) and a
 * tie rate τ, a score has mean p and variance σ² = p(1 − p) − τ/4 (E[S²] = w + τ/4 with w
 * = p − τ/2 wins, so σ² = p − τ/4 − p²); without ties (τ = 0) this is the binomial p(1 −
 * p), which is also the upper bound for any tie rate. The k scores of one item are
 * exchangeable with intra-item (intraclass) correlation ρ, so their mean has variance
 * σ²(1 + (k − 1)ρ) / k: the design effect 1 + (k − 1)ρ of cluster sampling (Kish, Survey
 * Sampling, 1965, §5.4; Donner &amp; Klar, Design and Analysis of Cluster Randomization
 * Trials, 2000, ch. 2). Items are independent, so the win rate, the mean over n items,
 * has Var = σ²(1 + (k − 1)ρ) / (nk), and the normal 95% half-width is h = 1.96 √Var. That
 * variance is what the results' item bootstrap estimates, as it resamples whole items.
 * <p>
 * <b>The k needed.</b> h ≤ target ⇔ (1 − ρ)/k + ρ ≤ R with R = n·target² / (1.96² σ²), so
 * k = ⌈(1 − ρ) / (R − ρ)⌉ when R > ρ. When R ≤ ρ no k is enough: however many raters
 * judge an item, the items' own spread leaves the floor h∞ = 1.96 √(ρσ² / n), and only
 * more items help.
 */
final class PowerPlan {

	/** z of a two-sided 95% normal interval. */
	static final double Z95 = 1.959963984540054;

	/** The largest k the planner proposes, as a study allows at most 100. */
	static final int MAX_K = 100;

	private PowerPlan() {
	}

	/**
	 * Variance of one judgment's score under the ties-half policy.
	 * @param winRate true win rate p with ties half
	 * @param tieRate share τ of ties and both-bad answers
	 * @return p(1 − p) − τ/4
	 */
	static double scoreVariance(double winRate, double tieRate) {
		return winRate * (1 - winRate) - tieRate / 4;
	}

	/**
	 * @param ratingsPerTask k
	 * @param correlation ρ
	 * @return 1 + (k − 1)ρ
	 */
	static double designEffect(int ratingsPerTask, double correlation) {
		return 1 + (ratingsPerTask - 1) * correlation;
	}

	/**
	 * @param items n, the items (tasks of one model pair) the win rate is over
	 * @param ratingsPerTask k
	 * @param scoreVariance σ²
	 * @param correlation ρ
	 * @return the expected 95% half-width 1.96 √(σ²(1 + (k − 1)ρ) / (nk))
	 */
	static double halfWidth(int items, int ratingsPerTask, double scoreVariance, double correlation) {
		return Z95 * Math
			.sqrt(scoreVariance * designEffect(ratingsPerTask, correlation) / ((double) items * ratingsPerTask));
	}

	/**
	 * @return the half-width no k gets below: 1.96 √(ρσ² / n)
	 */
	static double floorHalfWidth(int items, double scoreVariance, double correlation) {
		return Z95 * Math.sqrt(correlation * scoreVariance / items);
	}

	/**
	 * @param target the half-width wanted
	 * @return the least k whose half-width is at most {@code target}, or null when no k
	 * up to {@link #MAX_K} reaches it
	 */
	static Integer ratingsPerTaskNeeded(int items, double scoreVariance, double correlation, double target) {
		double reach = items * target * target / (Z95 * Z95 * scoreVariance);
		if (reach >= 1) {
			return 1;
		}
		if (reach <= correlation) {
			return null;
		}
		int k = (int) Math.ceil((1 - correlation) / (reach - correlation) - 1e-9);
		return (k <= MAX_K) ? Math.max(k, 1) : null;
	}

}
