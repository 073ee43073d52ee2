package dev.pairwise.results.stats;

/**
 * Computes {@link Agreement} from a pair's judgments grouped by task (for two models, a
 * task is an item). Everything but Cohen's kappa follows from the per-task label counts
 * n<sub>tl</sub>.
 */
final class AgreementStatistics {

	private static final int LABELS = PairJudgments.LABELS;

	private AgreementStatistics() {
	}

	static Agreement of(PairJudgments pair, int[][] judgmentsByItem) {
		int[] start = judgmentsByItem[0];
		int[] order = judgmentsByItem[1];
		int[] counts = pair.labelCounts;
		RaterPairTables raterPairs = new RaterPairTables(pair.raters());
		int[] raterAt = new int[pair.size];
		byte[] labelAt = new byte[pair.size];
		for (int i = 0; i < pair.size; i++) {
			raterAt[i] = pair.rater[order[i]];
			labelAt[i] = pair.label[order[i]];
		}

		int ratedTasks = 0;
		long agreeingPairs = 0;
		long allPairs = 0;
		double leaveOneOutSum = 0;
		long pairedJudgments = 0;
		double disagreeingCoincidences = 0;
		long[] labelTotals = new long[LABELS];
		double fleissObservedSum = 0;
		int commonJudgmentsPerTask = -1;
		boolean sameJudgmentsPerTask = true;

		for (int task = 0; task < pair.items; task++) {
			int judgments = start[task + 1] - start[task];
			if (judgments < 2) {
				continue;
			}
			ratedTasks++;
			int base = task * LABELS;
			long sumOfSquares = 0;
			for (int label = 0; label < LABELS; label++) {
				long n = counts[base + label];
				sumOfSquares += n * n;
				agreeingPairs += n * (n - 1) / 2;
				labelTotals[label] += n;
				leaveOneOutSum += n * leaveOneOutScore(counts, base, label);
			}
			allPairs += (long) judgments * (judgments - 1) / 2;
			pairedJudgments += judgments;
			// Krippendorff's coincidences of unlike labels in the unit: (m² − Σ n²) / (m
			// − 1)
			disagreeingCoincidences += (double) ((long) judgments * judgments - sumOfSquares) / (judgments - 1);
			// Fleiss' P_i: the share of agreeing ordered pairs among the task's m(m − 1)
			fleissObservedSum += (double) (sumOfSquares - judgments) / ((long) judgments * (judgments - 1));
			if (commonJudgmentsPerTask < 0) {
				commonJudgmentsPerTask = judgments;
			}
			sameJudgmentsPerTask &= (judgments == commonJudgmentsPerTask);
			raterPairs.addTask(raterAt, labelAt, start[task], start[task + 1]);
		}

		if (ratedTasks == 0) {
			return new Agreement(0, null, null, null, null, raterPairs.kappas(pair.raterNames));
		}
		return new Agreement(ratedTasks, (double) agreeingPairs / allPairs, leaveOneOutSum / pairedJudgments,
				krippendorffAlpha(disagreeingCoincidences, labelTotals, pairedJudgments),
				sameJudgmentsPerTask ? fleissKappa(fleissObservedSum / ratedTasks, labelTotals, pairedJudgments) : null,
				raterPairs.kappas(pair.raterNames));
	}

	/**
	 * AlpacaEval's leave-one-out agreement of one judgment with label {@code own}: 1 when
	 * its label is the unique mode of the other judgments of the task, 1/|modes| when it
	 * is one of several modes, else 0.
	 */
	static double leaveOneOutScore(int[] counts, int base, int own) {
		int highest = 0;
		for (int label = 0; label < LABELS; label++) {
			highest = Math.max(highest, othersWith(counts, base, own, label));
		}
		int modes = 0;
		for (int label = 0; label < LABELS; label++) {
			modes += (othersWith(counts, base, own, label) == highest) ? 1 : 0;
		}
		return (othersWith(counts, base, own, own) == highest) ? 1.0 / modes : 0.0;
	}

	private static int othersWith(int[] counts, int base, int own, int label) {
		return counts[base + label] - ((label == own) ? 1 : 0);
	}

	/**
	 * Krippendorff's alpha, nominal metric: 1 − (n − 1) Σ<sub>c≠k</sub> o<sub>ck</sub> /
	 * Σ<sub>c≠k</sub> n<sub>c</sub> n<sub>k</sub>, over pairable values only
	 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
	 */
	private static Double krippendorffAlpha(double disagreeingCoincidences, long[] labelTotals, long values) {
		double expectedDisagreement = (double) values * values;
		for (long total : labelTotals) {
			expectedDisagreement -= (double) total * total;
		}
		if (expectedDisagreement == 0) {
			return null;
		}
		return 1 - (values - 1) * disagreeingCoincidences / expectedDisagreement;
	}

	/** Fleiss (1971): (P̄ − P̄e) / (1 − P̄e), where P̄e = Σ over labels of p². */
	private static Double fleissKappa(double meanObserved, long[] labelTotals, long values) {
		double expected = 0;
		for (long total : labelTotals) {
			double share = (double) total / values;
			expected += share * share;
		}
		if (expected == 1) {
			return null;
		}
		return (meanObserved - expected) / (1 - expected);
	}

}
