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

	/** The stored winner: model_a, model_b, tie or both-bad. */
	String winner(boolean leftIsA) {
		return switch (this) {
			case RESPONSE_1 -> leftIsA ? "model_a" : "model_b";
			case RESPONSE_2 -> leftIsA ? "model_b" : "model_a";
			case TIE -> "tie";
			case BOTH_BAD -> "both-bad";
		};
	}

	static Choice fromWinner(String winner, boolean leftIsA) {
		return switch (winner) {
			case "model_a" -> leftIsA ? RESPONSE_1 : RESPONSE_2;
			case "model_b" -> leftIsA ? RESPONSE_2 : RESPONSE_1;
			case "tie" -> TIE;
			default -> BOTH_BAD;
		};
	}

}
