package dev.pairwise.rating;

/**
 * A rater's answer as they saw it (Response 1 is the left one), and its translation to
 * the task's models, whose order the rater never sees.
 */
enum Choice {

	RESPONSE_1("1"), RESPONSE_2("2"), TIE("tie"), BOTH_BAD("both-bad");

	private final String id;

	Choice(String id) {
		this.id = id;
	}

	String id() {
		return this.id;
	}

	static Choice of(String id) {
		for (Choice choice : values()) {
			if (choice.id.equals(id)) {
				return choice;
			}
		}
		return null;
	}

	/** The winner in the task's terms, given on which side model_a was shown. */
	Winner toWinner(boolean leftIsA) {
		return switch (this) {
			case RESPONSE_1 -> Winner.preferred(true, leftIsA);
			case RESPONSE_2 -> Winner.preferred(false, leftIsA);
			case TIE -> Winner.TIE;
			case BOTH_BAD -> Winner.BOTH_BAD;
		};
	}

	/** The answer in screen terms (1 = left) that gave a winner, as the rater saw it. */
	static Choice of(Winner winner, boolean leftIsA) {
		return switch (winner) {
			case MODEL_A -> leftIsA ? RESPONSE_1 : RESPONSE_2;
			case MODEL_B -> leftIsA ? RESPONSE_2 : RESPONSE_1;
			case TIE -> TIE;
			case BOTH_BAD -> BOTH_BAD;
		};
	}

	/** The stored winner: model_a, model_b, tie or both-bad. */
	String winner(boolean leftIsA) {
		return toWinner(leftIsA).stored();
	}

}
