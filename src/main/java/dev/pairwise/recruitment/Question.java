package dev.pairwise.recruitment;

import java.util.Set;

/**
 * A practice question: one of the study's items, its first model's output as Response 1
 * and its second model's as Response 2, the answer that counts as right ("1", "2" or
 * "tie") and the explanation shown after the participant answers.
 */
record Question(String item, String answer, String explanation) {

	static final Set<String> ANSWERS = Set.of("1", "2", "tie");

}
