package dev.pairwise.judgmentfile;

import java.time.Instant;
import java.util.List;

import dev.pairwise.rating.Winner;

/**
 * One judgment as the exports write it; {@code leftIsA} is null when not recorded,
 * {@code assignmentId} and {@code servedAt} are null for imported judgments, and
 * {@code attentionCorrect} is null for a judgment that is no attention check (or one not
 * scored). {@code turn} is the user turn of a conversation item the judgment is about (1
 * for a single prompt). {@code criteria} holds one answer per criterion of the study, in
 * its order, with a null winner where the judgment did not answer it.
 */
record ExportRow(String itemId, String category, String setting, String modelA, String modelB, Winner winner,
		String judge, Boolean leftIsA, boolean failA, boolean failB, String strength, String reason, Long elapsedMs,
		Instant createdAt, String source, Long assignmentId, Instant servedAt, boolean attention,
		Boolean attentionCorrect, boolean excluded, int turn, List<CriterionAnswer> criteria) {

	/** The source of the study's own raters, who rated blind. */
	static final String RATERS = "raters";

	/**
	 * The row as the rater saw it: for the study's own raters model_a becomes the model
	 * shown as Response 1 (left) and model_b the one shown as Response 2, as in Chatbot
	 * Arena's battle data, with winner and fails following; imported judgments keep their
	 * own orientation.
	 */
	ExportRow asShown() {
		if (!RATERS.equals(this.source) || this.leftIsA == null || this.leftIsA) {
			return this;
		}
		return new ExportRow(this.itemId, this.category, this.setting, this.modelB, this.modelA, swapped(this.winner),
				this.judge, true, this.failB, this.failA, this.strength, this.reason, this.elapsedMs, this.createdAt,
				this.source, this.assignmentId, this.servedAt, this.attention, this.attentionCorrect, this.excluded,
				this.turn,
				this.criteria.stream()
					.map((answer) -> new CriterionAnswer(answer.criterion(), swapped(answer.winner()),
							answer.strength()))
					.toList());
	}

	private static Winner swapped(Winner winner) {
		if (winner == null) {
			return null;
		}
		return switch (winner) {
			case MODEL_A -> Winner.MODEL_B;
			case MODEL_B -> Winner.MODEL_A;
			default -> winner;
		};
	}

	/** One criterion's answer; a null winner when the judgment did not answer it. */
	record CriterionAnswer(String criterion, Winner winner, String strength) {
	}

	/** Blind: the study's own raters never see a model's name. */
	boolean anonymous() {
		return RATERS.equals(this.source);
	}

}
