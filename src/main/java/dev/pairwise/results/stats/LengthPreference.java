package dev.pairwise.results.stats;

import java.util.Arrays;

/**
 * Whether raters favour the longer response. Judgments whose lengths are unknown
 * (negative) are left out.
 *
 * @param counted judgments that chose a side and whose two responses differ by more than
 * {@value #MIN_DIFFERENCE} characters
 * @param longerChosen those that chose the longer response
 * @param preferLongerRate longerChosen / counted; null when counted = 0
 * @param focalMeanLength mean length in characters of the focal model's outputs, over the
 * distinct items judged (an output is counted once however often it was judged); null
 * when no length is known
 * @param otherMeanLength the same for the other model
 */
public record LengthPreference(int counted, int longerChosen, Double preferLongerRate, Double focalMeanLength,
		Double otherMeanLength) {

	/** Smaller differences are noise, not a length contrast a rater would notice. */
	public static final int MIN_DIFFERENCE = 30;

	static LengthPreference of(PairJudgments pair) {
		int counted = 0;
		int longerChosen = 0;
		int[] focalLength = new int[pair.items];
		int[] otherLength = new int[pair.items];
		Arrays.fill(focalLength, -1);
		Arrays.fill(otherLength, -1);
		for (int k = 0; k < pair.size; k++) {
			int focal = pair.focalLength(k);
			int other = pair.otherLength(k);
			if (focalLength[pair.item[k]] < 0) {
				focalLength[pair.item[k]] = focal;
			}
			if (otherLength[pair.item[k]] < 0) {
				otherLength[pair.item[k]] = other;
			}
			if (pair.label[k] != PairJudgments.TIE && focal >= 0 && other >= 0
					&& Math.abs(focal - other) > MIN_DIFFERENCE) {
				counted++;
				boolean focalChosen = pair.label[k] == PairJudgments.FOCAL_BETTER;
				longerChosen += (focalChosen == (focal > other)) ? 1 : 0;
			}
		}
		return new LengthPreference(counted, longerChosen, (counted == 0) ? null : (double) longerChosen / counted,
				meanOfKnown(focalLength), meanOfKnown(otherLength));
	}

	private static Double meanOfKnown(int[] lengths) {
		long sum = 0;
		int known = 0;
		for (int length : lengths) {
			if (length >= 0) {
				sum += length;
				known++;
			}
		}
		return (known == 0) ? null : (double) sum / known;
	}

}
