package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For every pair of raters, the 3 × 3 table of the labels they gave to the tasks both
 * judged, from which Cohen's kappa follows. With up to {@value #DENSE_RATER_LIMIT} raters
 * the tables sit in one array (at most 4.5 MB) because a task with m judgments adds m(m −
 * 1)/2 entries; beyond that only the pairs that occur are stored.
 */
final class RaterPairTables {

	private static final int DENSE_RATER_LIMIT = 500;

	private static final int LABELS = PairJudgments.LABELS;

	private static final int TABLE_SIZE = LABELS * LABELS;

	private final int raters;

	private final int[] dense;

	private final Map<Long, int[]> sparse;

	/**
	 * The pair {@code a < b} has index {@code rowOffset[a] + b} in the upper triangle,
	 * row by row.
	 */
	private final int[] rowOffset;

	RaterPairTables(int raters) {
		this.raters = raters;
		boolean useDense = raters <= DENSE_RATER_LIMIT;
		this.dense = useDense ? new int[pairCount(raters) * TABLE_SIZE] : null;
		this.sparse = useDense ? null : new HashMap<>();
		this.rowOffset = new int[raters];
		for (int a = 0; a < raters; a++) {
			rowOffset[a] = a * (2 * raters - a - 1) / 2 - a - 1;
		}
	}

	/**
	 * Adds every two judgments of one task by different raters: {@code raters[from, to)}
	 * with their {@code labels}, the raters in ascending order.
	 */
	void addTask(int[] raters, byte[] labels, int from, int to) {
		for (int i = from; i < to; i++) {
			int raterA = raters[i];
			int cellRow = labels[i] * LABELS;
			for (int j = i + 1; j < to; j++) {
				int raterB = raters[j];
				if (raterB == raterA) {
					continue;
				}
				if (dense != null) {
					dense[(rowOffset[raterA] + raterB) * TABLE_SIZE + cellRow + labels[j]]++;
				}
				else {
					sparse.computeIfAbsent(((long) raterA << 32) | raterB, (key) -> new int[TABLE_SIZE])[cellRow
							+ labels[j]]++;
				}
			}
		}
	}

	/**
	 * Kappa of every pair of raters with a shared task, ordered by the raters' numbers.
	 */
	List<RaterPairKappa> kappas(String[] raterNames) {
		List<RaterPairKappa> kappas = new ArrayList<>();
		if (dense != null) {
			for (int a = 0; a < raters; a++) {
				for (int b = a + 1; b < raters; b++) {
					addIfShared(kappas, raterNames[a], raterNames[b], dense, (rowOffset[a] + b) * TABLE_SIZE);
				}
			}
		}
		else {
			long[] keys = sparse.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
			for (long key : keys) {
				addIfShared(kappas, raterNames[(int) (key >>> 32)], raterNames[(int) key], sparse.get(key), 0);
			}
		}
		return kappas;
	}

	private static void addIfShared(List<RaterPairKappa> kappas, String raterA, String raterB, int[] tables,
			int offset) {
		long shared = 0;
		long agreeing = 0;
		long[] rowTotals = new long[LABELS];
		long[] columnTotals = new long[LABELS];
		for (int labelA = 0; labelA < LABELS; labelA++) {
			for (int labelB = 0; labelB < LABELS; labelB++) {
				int count = tables[offset + labelA * LABELS + labelB];
				shared += count;
				rowTotals[labelA] += count;
				columnTotals[labelB] += count;
				agreeing += (labelA == labelB) ? count : 0;
			}
		}
		if (shared == 0) {
			return;
		}
		// Cohen (1960) with p_o = agreeing / n and p_e = sum(row * column) / n^2, both
		// scaled by n^2.
		long expectedScaled = 0;
		for (int label = 0; label < LABELS; label++) {
			expectedScaled += rowTotals[label] * columnTotals[label];
		}
		long sharedSquared = shared * shared;
		Double kappa = (expectedScaled == sharedSquared) ? null
				: (double) (agreeing * shared - expectedScaled) / (sharedSquared - expectedScaled);
		kappas.add(new RaterPairKappa(raterA, raterB, (int) shared, kappa));
	}

	private static int pairCount(int raters) {
		return raters * (raters - 1) / 2;
	}

}
