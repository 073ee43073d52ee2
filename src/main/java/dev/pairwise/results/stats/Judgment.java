package dev.pairwise.results.stats;

import java.util.Objects;

/**
 * One accepted judgment of one task. {@code modelA}/{@code modelB} and {@code outcome}
 * follow Chatbot Arena's battle data; the orientation may differ from row to row.
 *
 * @param itemId the eval-set item
 * @param category the item's category
 * @param setting the item's setting ({@code zero-shot}, {@code zero-shot-cot},
 * {@code few-shot})
 * @param modelA the model recorded as model_a
 * @param modelB the model recorded as model_b
 * @param outcome the rater's answer
 * @param judge who judged (a rater, or an imported judge)
 * @param leftIsA whether model_a's response was shown on the left; null when not recorded
 * (an imported judgment may not say), which leaves the judgment out of position bias
 * @param lengthA length in characters of model_a's output for the item, negative when
 * unknown
 * @param lengthB length in characters of model_b's output for the item, negative when
 * unknown
 * @param failA whether model_a's response was marked as a fail
 * @param failB whether model_b's response was marked as a fail
 * @param elapsedMs time spent on the task, negative when unknown
 */
public record Judgment(String itemId, String category, String setting, String modelA, String modelB, Outcome outcome,
		String judge, Boolean leftIsA, int lengthA, int lengthB, boolean failA, boolean failB, long elapsedMs) {

	public Judgment {
		Objects.requireNonNull(itemId, "itemId");
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(setting, "setting");
		Objects.requireNonNull(modelA, "modelA");
		Objects.requireNonNull(modelB, "modelB");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(judge, "judge");
		if (modelA.equals(modelB)) {
			throw new IllegalArgumentException("A judgment compares two different models, got " + modelA + " twice");
		}
	}

}
