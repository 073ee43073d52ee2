package dev.pairwise.sampling;

import java.util.List;

/**
 * One item's decision as the selection API returns it: the chosen sample index, the
 * median and threshold (flan only, else null), whether every sample was above the
 * threshold, and every sample with its text and verdict.
 */
record ItemSelection(String itemId, int chosen, Double median, Double threshold, boolean allDropped,
		List<SampleVerdict> samples) {
}
