package dev.pairwise.results.stats;

import java.util.List;
import java.util.SortedMap;

/**
 * Ranking of all models of a study by Bradley–Terry, and the observed pairwise win rates.
 *
 * @param ratingsEstimable whether the Bradley–Terry maximum-likelihood estimate exists:
 * false when some group of models never scored (won or tied) against the others, for
 * instance a model that lost every comparison, in which case ratings carry no Elo and
 * winProbability is empty
 * @param ratings one per model that appears in a judgment, best first (by name when not
 * estimable)
 * @param winProbability implied P(row model beats column model) for every two different
 * models
 * @param observed observed win rate of the row model against the column model, for every
 * pair compared
 * @param bootstrapReplicatesUsed replicates in which the estimate existed, out of those
 * requested; the intervals rest on these
 */
public record MultiModelResult(boolean ratingsEstimable, List<ModelRating> ratings,
		SortedMap<String, SortedMap<String, Double>> winProbability,
		SortedMap<String, SortedMap<String, PairwiseCell>> observed, int bootstrapReplicatesUsed) {

	public MultiModelResult {
		ratings = List.copyOf(ratings);
	}

}
