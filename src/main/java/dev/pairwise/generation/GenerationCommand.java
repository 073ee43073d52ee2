package dev.pairwise.generation;

import dev.pairwise.sampling.SelectionRule;

/** A validated request for a run. */
record GenerationCommand(String evalSet, String model, Endpoint endpoint, int samples, double temperature,
		int maxTokens, SelectionRule selection) {
}
