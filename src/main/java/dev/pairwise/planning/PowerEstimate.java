package dev.pairwise.planning;

/**
 * The expected 95% interval of one group's win rate (overall, or one category).
 *
 * @param category the category, or null for the overall win rate
 * @param items items the win rate is over (each a task of every model pair)
 * @param judgments items × k, per model pair
 * @param designEffect 1 + (k − 1)ρ
 * @param halfWidth expected 95% half-width at the planned k
 * @param floorHalfWidth the half-width no k gets below (k → ∞), 1.96 √(ρσ²/n)
 * @param ratingsPerTaskNeeded the least k reaching the target half-width; null without a
 * target, or when no k up to 100 reaches it
 */
record PowerEstimate(String category, int items, int judgments, double designEffect, double halfWidth,
		double floorHalfWidth, Integer ratingsPerTaskNeeded) {

}
