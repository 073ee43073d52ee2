package dev.pairwise.recruitment;

import java.util.List;
import java.util.Set;

/**
 * A practice question: one of the study's items, its first model's output as Response 1
 * and its second model's as Response 2, the answer that counts as right ("1", "2" or
 * "tie") and the explanation shown after the participant answers. A built-in attention
 * check has a {@code kind} (one of {@link #CHECK_KINDS}): the side that is not the answer
 * is degraded in that way, and the explanation is the kind's own text.
 */
record Question(String item, String answer, String explanation, String kind) {

	static final Set<String> ANSWERS = Set.of("1", "2", "tie");

	/** The kinds of the study's own attention checks, made the same way. */
	static final List<String> CHECK_KINDS = List.of("empty", "truncated", "off-topic");

	static Question check(String item, String answer, String kind) {
		return new Question(item, answer, "", kind);
	}

	boolean builtInCheck() {
		return this.kind != null;
	}

}
