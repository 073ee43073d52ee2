package dev.pairwise.results.stats;

/**
 * Concise judgments for hand-made cases: models "x" (focal) and "y", x shown on the left.
 */
final class Judgments {

	private Judgments() {
	}

	/** Outcome from x's point of view: A = x better, B = y better. */
	static Judgment of(String item, String judge, Outcome outcome) {
		return new Judgment(item, "planning", "zero-shot", "x", "y", outcome, judge, true, 100, 200, false, false,
				10_000);
	}

	static Judgment of(String item, String category, String judge, Outcome outcome) {
		return new Judgment(item, category, "zero-shot", "x", "y", outcome, judge, true, 100, 200, false, false,
				10_000);
	}

	/**
	 * The same judgment recorded the other way round: y as model_a, the outcome mirrored.
	 */
	static Judgment mirrored(Judgment judgment) {
		Outcome outcome = switch (judgment.outcome()) {
			case A -> Outcome.B;
			case B -> Outcome.A;
			default -> judgment.outcome();
		};
		return new Judgment(judgment.itemId(), judgment.category(), judgment.setting(), judgment.modelB(),
				judgment.modelA(), outcome, judgment.judge(), !judgment.leftIsA(), judgment.lengthB(),
				judgment.lengthA(), judgment.failB(), judgment.failA(), judgment.elapsedMs());
	}

}
