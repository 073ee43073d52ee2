package dev.pairwise.results.stats;

/**
 * Whether raters favour the response shown on the left.
 *
 * @param nonTie judgments that chose a side (not a tie, not both bad) and whose
 * left/right order is known
 * @param leftChosen those that chose the left response
 * @param leftRate leftChosen / nonTie; null when nonTie = 0
 * @param p two-sided exact binomial p-value of leftChosen against ½; 1 when nonTie = 0
 */
public record PositionBias(int nonTie, int leftChosen, Double leftRate, double p) {

	static PositionBias of(PairJudgments pair) {
		int nonTie = 0;
		int leftChosen = 0;
		for (int k = 0; k < pair.size; k++) {
			if (pair.label[k] != PairJudgments.TIE && pair.leftKnown(k)) {
				nonTie++;
				leftChosen += pair.leftChosen(k) ? 1 : 0;
			}
		}
		return new PositionBias(nonTie, leftChosen, (nonTie == 0) ? null : (double) leftChosen / nonTie,
				Binomial.twoSidedP(leftChosen, nonTie));
	}

}
