package dev.pairwise.generation;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flan rule computed here, apart from the app's, for comparing decisions exactly. */
final class IndependentSelection {

	private IndependentSelection() {
	}

	/**
	 * Recomputes each sample's log-probability from its text with the test's own copy of
	 * the model, and the Flan rule from those, and compares both exactly.
	 */
	static void assertFlanRule(CharNgramModel model, JsonNode item, String prompt) {
		List<double[]> samples = new ArrayList<>();
		for (JsonNode sample : item.path("samples")) {
			double expected = model.totalLogprob(prompt, sample.path("output").asString());
			assertThat(sample.path("logprob").asDouble()).as(item.path("itemId").asString()).isEqualTo(expected);
			samples.add(new double[] { sample.path("sample").asInt(), expected });
		}
		double[] sorted = samples.stream().mapToDouble((sample) -> sample[1]).sorted().toArray();
		int middle = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		double threshold = median / 2;
		int chosen = -1;
		double best = Double.NEGATIVE_INFINITY;
		for (double[] sample : samples) {
			if (sample[1] <= threshold && sample[1] > best) {
				best = sample[1];
				chosen = (int) sample[0];
			}
		}
		if (chosen < 0) {
			double lowest = Double.POSITIVE_INFINITY;
			for (double[] sample : samples) {
				if (sample[1] < lowest) {
					lowest = sample[1];
					chosen = (int) sample[0];
				}
			}
		}
		assertThat(item.path("median").asDouble()).isEqualTo(median);
		assertThat(item.path("threshold").asDouble()).isEqualTo(threshold);
		assertThat(item.path("chosen").asInt()).as(item.path("itemId").asString()).isEqualTo(chosen);
	}

}
