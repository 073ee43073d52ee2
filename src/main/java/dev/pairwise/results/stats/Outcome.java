package dev.pairwise.results.stats;

/**
 * A rater's answer in the orientation of its judgment row, as in Chatbot Arena's battle
 * data: {@link #A} means model_a's response was better, {@link #B} model_b's.
 */
public enum Outcome {

	A, B, TIE, BOTH_BAD;

	boolean isDecisive() {
		return this == A || this == B;
	}

}
