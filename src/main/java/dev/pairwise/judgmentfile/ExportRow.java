package dev.pairwise.judgmentfile;

import java.time.Instant;

import dev.pairwise.rating.Winner;

/**
 * One judgment as the exports write it; {@code leftIsA} is null when not recorded,
 * {@code assignmentId} and {@code servedAt} are null for imported judgments, and
 * {@code attentionCorrect} is null for a judgment that is no attention check (or one not
 * scored). {@code turn} is the user turn of a conversation item the judgment is about (1
 * for a single prompt).
 */
record ExportRow(String itemId, String category, String setting, String modelA, String modelB, Winner winner,
		String judge, Boolean leftIsA, boolean failA, boolean failB, String strength, String reason, Long elapsedMs,
		Instant createdAt, String source, Long assignmentId, Instant servedAt, boolean attention,
		Boolean attentionCorrect, boolean excluded, int turn) {

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
		Winner shownWinner = switch (this.winner) {
			case MODEL_A -> Winner.MODEL_B;
			case MODEL_B -> Winner.MODEL_A;
			default -> this.winner;
		};
		return new ExportRow(this.itemId, this.category, this.setting, this.modelB, this.modelA, shownWinner,
				this.judge, true, this.failB, this.failA, this.strength, this.reason, this.elapsedMs, this.createdAt,
				this.source, this.assignmentId, this.servedAt, this.attention, this.attentionCorrect, this.excluded,
				this.turn);
	}

	/** Blind: the study's own raters never see a model's name. */
	boolean anonymous() {
		return RATERS.equals(this.source);
	}

}
