package dev.pairwise.results.stats;

/**
 * A model's Bradley–Terry rating on the Elo scale.
 *
 * @param model the model
 * @param comparisons judgments involving the model
 * @param elo rating, 400 points per factor of ten in odds, the models' mean being 1000;
 * null when the ratings are not estimable
 * @param ci95 95% percentile item-bootstrap interval (each replicate normalised to mean
 * 1000 too); null when not estimable or the bootstrap is off
 */
public record ModelRating(String model, int comparisons, Double elo, Interval ci95) {

}
