package dev.pairwise.rating;

import java.util.List;

import dev.pairwise.evalset.Conversation.Step;
import dev.pairwise.evalset.ItemView.Exemplar;

/**
 * One task as a rater sees it. It names no model: the responses are "1" (left) and "2"
 * (right), in the order fixed when the assignment was made. {@code conversation} is what
 * came before {@code prompt} in a multi-turn item (empty for a single prompt), each
 * model's own earlier answer on its side.
 */
record TaskView(long assignmentId, List<Step> conversation, String prompt, List<Exemplar> exemplars, String setting,
		String response1, String response2, Progress progress) {

	/** Above this many characters the earlier turns start folded. */
	private static final int LONG_CONVERSATION = 1200;

	/** Whether the earlier turns are long enough to start folded. */
	public boolean conversationFolded() {
		return this.conversation.stream().mapToInt(Step::length).sum() > LONG_CONVERSATION;
	}

	record Progress(int done, int target) {
	}

}
