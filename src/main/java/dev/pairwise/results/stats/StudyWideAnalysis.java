package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures over all model pairs of a study at once: pooled agreement, position bias and
 * raters, the most-disputed tasks, and the agreement between two sources of judgments.
 */
final class StudyWideAnalysis {

	private static final int LABELS = PairJudgments.LABELS;

	private StudyWideAnalysis() {
	}

	static StudyWideResult of(JudgmentTable table, List<String> order, Map<String, AttentionScore> attention,
			double tooFastSeconds) {
		PairJudgments pooled = PairJudgments.pooled(table, order);
		int[][] judgmentsByTask = pooled.groupByItem();
		return new StudyWideResult(pooled.size, pooled.items, AgreementStatistics.of(pooled, judgmentsByTask),
				PositionBias.of(pooled), RaterReview.of(pooled, judgmentsByTask, attention, tooFastSeconds));
	}

	static List<DisputedTask> mostDisputed(JudgmentTable table, List<String> order, int limit) {
		PairJudgments pooled = PairJudgments.pooled(table, order);
		List<DisputedTask> disputed = new ArrayList<>();
		for (int task = 0; task < pooled.items; task++) {
			int base = task * LABELS;
			int first = pooled.labelCounts[base + PairJudgments.FOCAL_BETTER];
			int second = pooled.labelCounts[base + PairJudgments.OTHER_BETTER];
			int ties = pooled.labelCounts[base + PairJudgments.TIE];
			int n = first + second + ties;
			if (n < 2) {
				continue;
			}
			long agreeingPairs = pairs(first) + pairs(second) + pairs(ties);
			double disagreement = 1 - (double) agreeingPairs / pairs(n);
			if (disagreement > 0) {
				int item = pooled.itemOfTask[task];
				int pair = pooled.pairOfTask[task];
				disputed.add(new DisputedTask(table.itemIds.get(item), table.categories.get(table.itemCategory[item]),
						table.settings.get(table.itemSetting[item]), table.models.get(pooled.pairFocal[pair]),
						table.models.get(pooled.pairOther[pair]), n, first, second, ties, disagreement));
			}
		}
		// Most disagreement first; among equals, the task with more judgments is the
		// stronger evidence of a genuinely hard or ambiguous comparison.
		disputed.sort(Comparator.comparingDouble(DisputedTask::disagreement)
			.reversed()
			.thenComparing(Comparator.comparingInt(DisputedTask::judgments).reversed())
			.thenComparing(DisputedTask::itemId)
			.thenComparing(DisputedTask::firstModel)
			.thenComparing(DisputedTask::secondModel));
		return List.copyOf(disputed.subList(0, Math.min(limit, disputed.size())));
	}

	static SourceAgreement between(JudgmentTable first, JudgmentTable second, List<String> order) {
		PairJudgments a = PairJudgments.pooled(first, order);
		PairJudgments b = PairJudgments.pooled(second, order);
		Map<TaskKey, Integer> tasksOfA = new HashMap<>();
		for (int task = 0; task < a.items; task++) {
			tasksOfA.put(TaskKey.of(a, task), task);
		}
		int shared = 0;
		long crossPairs = 0;
		long agreeingCrossPairs = 0;
		int[][] modes = new int[LABELS][LABELS];
		int majorityTasks = 0;
		for (int taskOfB = 0; taskOfB < b.items; taskOfB++) {
			Integer taskOfA = tasksOfA.get(TaskKey.of(b, taskOfB));
			if (taskOfA == null) {
				continue;
			}
			shared++;
			int baseA = taskOfA * LABELS;
			int baseB = taskOfB * LABELS;
			long judgmentsA = 0;
			long judgmentsB = 0;
			for (int label = 0; label < LABELS; label++) {
				judgmentsA += a.labelCounts[baseA + label];
				judgmentsB += b.labelCounts[baseB + label];
				agreeingCrossPairs += (long) a.labelCounts[baseA + label] * b.labelCounts[baseB + label];
			}
			crossPairs += judgmentsA * judgmentsB;
			int modeA = uniqueMode(a.labelCounts, baseA);
			int modeB = uniqueMode(b.labelCounts, baseB);
			if (modeA >= 0 && modeB >= 0) {
				modes[modeA][modeB]++;
				majorityTasks++;
			}
		}
		Double pairwise = (crossPairs == 0) ? null : (double) agreeingCrossPairs / crossPairs;
		if (majorityTasks == 0) {
			return new SourceAgreement(shared, crossPairs, pairwise, 0, null, null);
		}
		long same = 0;
		long expectedScaled = 0;
		for (int label = 0; label < LABELS; label++) {
			same += modes[label][label];
			long row = 0;
			long column = 0;
			for (int other = 0; other < LABELS; other++) {
				row += modes[label][other];
				column += modes[other][label];
			}
			expectedScaled += row * column;
		}
		long squared = (long) majorityTasks * majorityTasks;
		Double kappa = (expectedScaled == squared) ? null
				: (double) (same * majorityTasks - expectedScaled) / (squared - expectedScaled);
		return new SourceAgreement(shared, crossPairs, pairwise, majorityTasks, (double) same / majorityTasks, kappa);
	}

	private static long pairs(long n) {
		return n * (n - 1) / 2;
	}

	/** The label most judgments of the task carry, or -1 when two labels tie for it. */
	private static int uniqueMode(int[] counts, int base) {
		int mode = 0;
		boolean unique = true;
		for (int label = 1; label < LABELS; label++) {
			if (counts[base + label] > counts[base + mode]) {
				mode = label;
				unique = true;
			}
			else if (counts[base + label] == counts[base + mode]) {
				unique = false;
			}
		}
		return unique ? mode : -1;
	}

	/** A task by name, so that tasks of two tables can be matched. */
	private record TaskKey(String itemId, String focalModel, String otherModel) {

		static TaskKey of(PairJudgments judgments, int task) {
			JudgmentTable table = judgments.table;
			int pair = judgments.pairOfTask[task];
			return new TaskKey(table.itemIds.get(judgments.itemOfTask[task]),
					table.models.get(judgments.pairFocal[pair]), table.models.get(judgments.pairOther[pair]));
		}

	}

}
