package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.statistics.descriptive.Median;

/**
 * Per-rater figures of a model pair and the rule that flags a rater far below the others
 * (see {@link RaterFlag}). The thresholds aim at raters who click at random or always on
 * one side: with 20 judgments the standard error of an agreement rate is about 0.11, so a
 * gap of 0.2 below the median is unlikely for an attentive rater, and p {@literal <}
 * 0.001 on the left rate is far beyond what a fair coin gives.
 */
final class RaterReview {

	static final int MIN_AGREEMENT_JUDGMENTS = 20;

	static final int MIN_PEERS = 3;

	static final double AGREEMENT_GAP = 0.2;

	static final double POSITION_P_THRESHOLD = 0.001;

	static final double MIN_ATTENTION_ACCURACY = 0.8;

	static final int MIN_ATTENTION_MISSES = 2;

	/** The default of a study's threshold. */
	static final double TOO_FAST_SECONDS = 5.0;

	static final int MIN_TIMED_JUDGMENTS = 5;

	private static final Median MEDIAN = Median.withDefaults().withCopy(false);

	private RaterReview() {
	}

	static List<RaterQuality> of(PairJudgments pair, int[][] judgmentsByItem, Map<String, AttentionScore> attention,
			double tooFastSeconds) {
		int raters = pair.raters();
		int[] judgments = new int[raters];
		int[] nonTie = new int[raters];
		int[] leftChosen = new int[raters];
		for (int k = 0; k < pair.size; k++) {
			int rater = pair.rater[k];
			judgments[rater]++;
			if (pair.label[k] != PairJudgments.TIE && pair.leftKnown(k)) {
				nonTie[rater]++;
				leftChosen[rater] += pair.leftChosen(k) ? 1 : 0;
			}
		}
		int[] agreementJudgments = new int[raters];
		double[] agreementSum = new double[raters];
		int[] start = judgmentsByItem[0];
		int[] order = judgmentsByItem[1];
		for (int item = 0; item < pair.items; item++) {
			if (start[item + 1] - start[item] < 2) {
				continue;
			}
			for (int i = start[item]; i < start[item + 1]; i++) {
				int k = order[i];
				agreementJudgments[pair.rater[k]]++;
				agreementSum[pair.rater[k]] += AgreementStatistics.leaveOneOutScore(pair.labelCounts,
						item * PairJudgments.LABELS, pair.label[k]);
			}
		}
		int[] timed = new int[raters];
		Double[] medianSeconds = medianSeconds(pair, timed);

		Double[] agreement = new Double[raters];
		for (int rater = 0; rater < raters; rater++) {
			agreement[rater] = (agreementJudgments[rater] == 0) ? null
					: agreementSum[rater] / agreementJudgments[rater];
		}
		Double peerMedian = peerMedianAgreement(agreement, agreementJudgments);

		List<RaterQuality> qualities = new ArrayList<>(raters);
		for (int rater = 0; rater < raters; rater++) {
			String name = pair.raterNames[rater];
			double leftRateP = Binomial.twoSidedP(leftChosen[rater], nonTie[rater]);
			AttentionScore score = attention.get(name);
			Set<RaterFlag> flags = EnumSet.noneOf(RaterFlag.class);
			if (peerMedian != null && agreementJudgments[rater] >= MIN_AGREEMENT_JUDGMENTS
					&& agreement[rater] < peerMedian - AGREEMENT_GAP) {
				flags.add(RaterFlag.LOW_AGREEMENT);
			}
			if (leftRateP < POSITION_P_THRESHOLD) {
				flags.add(RaterFlag.POSITION_BIAS);
			}
			if (score != null && score.missed() >= MIN_ATTENTION_MISSES && score.accuracy() < MIN_ATTENTION_ACCURACY) {
				flags.add(RaterFlag.FAILED_ATTENTION_CHECKS);
			}
			if (timed[rater] >= MIN_TIMED_JUDGMENTS && medianSeconds[rater] < tooFastSeconds) {
				flags.add(RaterFlag.TOO_FAST);
			}
			qualities.add(new RaterQuality(name, judgments[rater], medianSeconds[rater], agreementJudgments[rater],
					agreement[rater], (nonTie[rater] == 0) ? null : (double) leftChosen[rater] / nonTie[rater],
					leftRateP, score, !flags.isEmpty(), List.copyOf(flags)));
		}
		return qualities;
	}

	/**
	 * Median agreement of the raters with enough multiply-rated judgments, or null with
	 * too few of them.
	 */
	private static Double peerMedianAgreement(Double[] agreement, int[] agreementJudgments) {
		double[] peers = new double[agreement.length];
		int count = 0;
		for (int rater = 0; rater < agreement.length; rater++) {
			if (agreementJudgments[rater] >= MIN_AGREEMENT_JUDGMENTS) {
				peers[count++] = agreement[rater];
			}
		}
		return (count < MIN_PEERS) ? null : median(peers, 0, count);
	}

	/**
	 * Median of each rater's recorded times (negative = unknown), in seconds; counts each
	 * rater's timed judgments into {@code timed}.
	 */
	private static Double[] medianSeconds(PairJudgments pair, int[] timed) {
		int raters = pair.raters();
		int[] start = new int[raters + 1];
		for (int k = 0; k < pair.size; k++) {
			if (pair.elapsedMs(k) >= 0) {
				start[pair.rater[k] + 1]++;
			}
		}
		for (int rater = 0; rater < raters; rater++) {
			start[rater + 1] += start[rater];
		}
		double[] elapsed = new double[start[raters]];
		int[] next = Arrays.copyOf(start, raters);
		for (int k = 0; k < pair.size; k++) {
			long milliseconds = pair.elapsedMs(k);
			if (milliseconds >= 0) {
				elapsed[next[pair.rater[k]]++] = milliseconds / 1000.0;
			}
		}
		Double[] medians = new Double[raters];
		for (int rater = 0; rater < raters; rater++) {
			timed[rater] = start[rater + 1] - start[rater];
			if (start[rater + 1] > start[rater]) {
				medians[rater] = median(elapsed, start[rater], start[rater + 1]);
			}
		}
		return medians;
	}

	/**
	 * Median of {@code values[from, to)}, which it reorders: a selection, not a sort, as
	 * it runs over every judgment's time.
	 */
	private static double median(double[] values, int from, int to) {
		return MEDIAN.evaluateRange(values, from, to);
	}

}
