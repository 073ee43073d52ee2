package dev.pairwise.results.stats;

import java.util.List;

/**
 * Bradley–Terry ratings with the style of the responses controlled for (see
 * {@link StyleControlledBradleyTerry}).
 *
 * @param estimable whether the maximum-likelihood estimate exists (it does not when the
 * outcomes are separable, for instance a model that lost every comparison); when false
 * the ratings carry no Elo and the coefficients are null
 * @param ratings one per model that appears in a comparison, best first (by name when not
 * estimable); Elo scale, mean 1000, with 95% item-bootstrap intervals
 * @param coefficients the change in log-odds of winning per standard deviation of each
 * style feature, in the order length, headers, bold, list items; an entry is null when
 * the feature does not vary in the study (it is left out of the fit)
 * @param coefficientCi95 95% item-bootstrap intervals of the coefficients
 * @param comparisons judgments in the fit (those whose two responses are both known)
 * @param bootstrapReplicatesUsed replicates in which the estimate existed
 */
public record StyleControlledRanking(boolean estimable, List<ModelRating> ratings, List<Double> coefficients,
		List<Interval> coefficientCi95, int comparisons, int bootstrapReplicatesUsed) {

	/** The features' names, in the order of {@link #coefficients()}. */
	public static final List<String> FEATURES = List.of("length", "headers", "bold", "listItems");

}
