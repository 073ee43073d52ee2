package dev.pairwise.rating;

import java.util.List;

import dev.pairwise.evalset.ItemView.Exemplar;

/**
 * One task as a rater sees it. It names no model: the responses are "1" (left) and "2"
 * (right), in the order fixed when the assignment was made.
 */
record TaskView(long assignmentId, String prompt, List<Exemplar> exemplars, String setting, String response1,
		String response2, Progress progress) {

	record Progress(int done, int target) {
	}

}
