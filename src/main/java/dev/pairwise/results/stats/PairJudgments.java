package dev.pairwise.results.stats;

import java.util.Arrays;

/**
 * The judgments of one model pair, seen from the focal model X: each judgment labelled X
 * better, Y better or tie (a both-bad answer is a tie), with its item, its item's
 * category × setting cell and its rater numbered locally. Raters are numbered in the
 * order of their names, so that rater pairs come out ordered.
 */
final class PairJudgments {

	static final byte FOCAL_BETTER = 0;

	static final byte OTHER_BETTER = 1;

	static final byte TIE = 2;

	static final int LABELS = 3;

	final JudgmentTable table;

	final int size;

	final int[] rows;

	final byte[] label;

	final int[] item;

	final int[] rater;

	final int items;

	final int[] itemCell;

	/**
	 * Per item, how many judgments carry each label:
	 * {@code labelCounts[item * LABELS + label]}.
	 */
	final int[] labelCounts;

	final int cells;

	final int[] cellCategory;

	final int[] cellSetting;

	final String[] raterNames;

	private final int focal;

	private PairJudgments(JudgmentTable table, int focal, int other) {
		this.table = table;
		this.focal = focal;
		this.rows = selectRows(table, focal, other);
		this.size = rows.length;
		this.label = new byte[size];
		this.item = new int[size];
		this.rater = new int[size];

		int[] localItem = filled(table.itemIds.size(), -1);
		int[] localCell = filled(table.categories.size() * table.settings.size(), -1);
		boolean[] raterPresent = new boolean[table.judges.size()];
		int[] itemCellBuffer = new int[table.itemIds.size()];
		int[] cellCategoryBuffer = new int[localCell.length];
		int[] cellSettingBuffer = new int[localCell.length];
		int itemCount = 0;
		int cellCount = 0;
		for (int k = 0; k < size; k++) {
			int row = rows[k];
			label[k] = labelOf(table, row, focal);
			int tableItem = table.item[row];
			if (localItem[tableItem] < 0) {
				int category = table.itemCategory[tableItem];
				int setting = table.itemSetting[tableItem];
				int tableCell = category * table.settings.size() + setting;
				if (localCell[tableCell] < 0) {
					cellCategoryBuffer[cellCount] = category;
					cellSettingBuffer[cellCount] = setting;
					localCell[tableCell] = cellCount++;
				}
				itemCellBuffer[itemCount] = localCell[tableCell];
				localItem[tableItem] = itemCount++;
			}
			item[k] = localItem[tableItem];
			raterPresent[table.judge[row]] = true;
		}
		this.items = itemCount;
		this.itemCell = Arrays.copyOf(itemCellBuffer, itemCount);
		this.cells = cellCount;
		this.cellCategory = Arrays.copyOf(cellCategoryBuffer, cellCount);
		this.cellSetting = Arrays.copyOf(cellSettingBuffer, cellCount);
		this.raterNames = sortedNames(table, raterPresent);
		int[] localRater = new int[raterPresent.length];
		for (int judge = 0; judge < raterPresent.length; judge++) {
			localRater[judge] = raterPresent[judge] ? Arrays.binarySearch(raterNames, table.judges.get(judge)) : -1;
		}
		for (int k = 0; k < size; k++) {
			rater[k] = localRater[table.judge[rows[k]]];
		}
		this.labelCounts = new int[items * LABELS];
		for (int k = 0; k < size; k++) {
			labelCounts[item[k] * LABELS + label[k]]++;
		}
	}

	/** The pair's judgments; none when either model never appears. */
	static PairJudgments select(JudgmentTable table, String focalModel, String otherModel) {
		if (focalModel.equals(otherModel)) {
			throw new IllegalArgumentException("Compare two different models, got " + focalModel + " twice");
		}
		return new PairJudgments(table, table.modelIndex(focalModel), table.modelIndex(otherModel));
	}

	int raters() {
		return raterNames.length;
	}

	boolean bothBad(int k) {
		return table.outcome(rows[k]) == Outcome.BOTH_BAD;
	}

	boolean focalFailed(int k) {
		return focalIsA(k) ? table.failA(rows[k]) : table.failB(rows[k]);
	}

	boolean otherFailed(int k) {
		return focalIsA(k) ? table.failB(rows[k]) : table.failA(rows[k]);
	}

	int focalLength(int k) {
		return focalIsA(k) ? table.lengthA[rows[k]] : table.lengthB[rows[k]];
	}

	int otherLength(int k) {
		return focalIsA(k) ? table.lengthB[rows[k]] : table.lengthA[rows[k]];
	}

	/**
	 * For a judgment that is not a tie: whether the response shown on the left was
	 * chosen.
	 */
	boolean leftChosen(int k) {
		int row = rows[k];
		return (table.outcome(row) == Outcome.A) == table.leftIsA(row);
	}

	long elapsedMs(int k) {
		return table.elapsedMs[rows[k]];
	}

	String categoryOfCell(int cell) {
		return table.categories.get(cellCategory[cell]);
	}

	String settingOfCell(int cell) {
		return table.settings.get(cellSetting[cell]);
	}

	/**
	 * Judgments ordered by item, and within an item by rater: those of item i are
	 * {@code order[start[i]]} to {@code order[start[i + 1] - 1]}. Returns {@code {start,
	 * order}}.
	 */
	int[][] groupByItem() {
		int[] byRater = countingSort(rater, raters(), identity(size))[1];
		return countingSort(item, items, byRater);
	}

	/**
	 * Stable counting sort of {@code sequence} by {@code key[k]} in {@code [0, keys)}:
	 * {@code {start, order}}.
	 */
	private static int[][] countingSort(int[] key, int keys, int[] sequence) {
		int[] start = new int[keys + 1];
		for (int k : sequence) {
			start[key[k] + 1]++;
		}
		for (int value = 0; value < keys; value++) {
			start[value + 1] += start[value];
		}
		int[] next = Arrays.copyOf(start, keys);
		int[] order = new int[sequence.length];
		for (int k : sequence) {
			order[next[key[k]]++] = k;
		}
		return new int[][] { start, order };
	}

	private static int[] identity(int size) {
		int[] sequence = new int[size];
		for (int k = 0; k < size; k++) {
			sequence[k] = k;
		}
		return sequence;
	}

	private boolean focalIsA(int k) {
		return table.modelA[rows[k]] == focal;
	}

	private static int[] selectRows(JudgmentTable table, int focal, int other) {
		if (focal < 0 || other < 0) {
			return new int[0];
		}
		int count = 0;
		for (int row = 0; row < table.size; row++) {
			if (isPair(table, row, focal, other)) {
				count++;
			}
		}
		int[] selected = new int[count];
		int next = 0;
		for (int row = 0; row < table.size; row++) {
			if (isPair(table, row, focal, other)) {
				selected[next++] = row;
			}
		}
		return selected;
	}

	private static boolean isPair(JudgmentTable table, int row, int focal, int other) {
		int a = table.modelA[row];
		int b = table.modelB[row];
		return (a == focal && b == other) || (a == other && b == focal);
	}

	private static byte labelOf(JudgmentTable table, int row, int focal) {
		Outcome outcome = table.outcome(row);
		if (!outcome.isDecisive()) {
			return TIE;
		}
		int winner = (outcome == Outcome.A) ? table.modelA[row] : table.modelB[row];
		return (winner == focal) ? FOCAL_BETTER : OTHER_BETTER;
	}

	private static String[] sortedNames(JudgmentTable table, boolean[] raterPresent) {
		String[] names = new String[table.judges.size()];
		int count = 0;
		for (int judge = 0; judge < raterPresent.length; judge++) {
			if (raterPresent[judge]) {
				names[count++] = table.judges.get(judge);
			}
		}
		String[] present = Arrays.copyOf(names, count);
		Arrays.sort(present);
		return present;
	}

	private static int[] filled(int length, int value) {
		int[] array = new int[length];
		Arrays.fill(array, value);
		return array;
	}

}
