package dev.pairwise.rating;

import java.util.Optional;

/**
 * Who won a judgment, in the task's terms (model_a / model_b), as the {@code judgment}
 * table stores it and Chatbot Arena's battle files spell it. The one place that knows
 * these spellings: the stored value, the export's spelling and the synonyms an import
 * accepts.
 */
public enum Winner {

	MODEL_A("model_a", "model_a"), MODEL_B("model_b", "model_b"), TIE("tie", "tie"),
	BOTH_BAD("both-bad", "tie (bothbad)");

	private final String stored;

	private final String arena;

	Winner(String stored, String arena) {
		this.stored = stored;
		this.arena = arena;
	}

	/** As the {@code judgment} table holds it. */
	public String stored() {
		return this.stored;
	}

	/** As Chatbot Arena's battle files and the judgment export write it. */
	public String arena() {
		return this.arena;
	}

	/** A value read from the {@code judgment} table. */
	public static Winner fromStored(String stored) {
		return switch (stored) {
			case "model_a" -> MODEL_A;
			case "model_b" -> MODEL_B;
			case "tie" -> TIE;
			case "both-bad" -> BOTH_BAD;
			default -> throw new IllegalStateException("unknown stored winner " + stored);
		};
	}

	/**
	 * A winner written in a file: the stored or the Arena spelling; empty when it is
	 * neither.
	 */
	public static Optional<Winner> parse(String spelling) {
		for (Winner winner : values()) {
			if (winner.stored.equals(spelling) || winner.arena.equals(spelling)) {
				return Optional.of(winner);
			}
		}
		return Optional.empty();
	}

	/** The spellings {@link #parse} accepts, for a message that lists them. */
	public static String spellings() {
		return "model_a, model_b, tie, or tie (bothbad) (also written both-bad)";
	}

	/**
	 * The model whose response was preferred, given on which side the rater saw it.
	 * @param left whether the preferred response was the left one
	 * @param leftIsA whether model_a's response was shown on the left
	 */
	public static Winner preferred(boolean left, boolean leftIsA) {
		return (left == leftIsA) ? MODEL_A : MODEL_B;
	}

}
