package dev.pairwise.results.stats;

/**
 * A task whose judgments disagree, with its label counts in the orientation of
 * {@code firstModel}.
 *
 * @param itemId the eval-set item
 * @param category the item's category
 * @param setting the item's setting
 * @param firstModel the pair's model that comes first in the study's order
 * @param secondModel the other model
 * @param judgments judgments of the task
 * @param firstBetter judgments that found the first model better
 * @param secondBetter judgments that found the second model better
 * @param ties ties and both-bad answers
 * @param disagreement share of the task's pairs of judgments that disagree (1 − the
 * task's pairwise agreement)
 */
public record DisputedTask(String itemId, String category, String setting, String firstModel, String secondModel,
		int judgments, int firstBetter, int secondBetter, int ties, double disagreement) {

}
