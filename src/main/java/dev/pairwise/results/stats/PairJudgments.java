package dev.pairwise.results.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The judgments of one model pair, seen from the focal model X: each judgment labelled X
 * better, Y better or tie (a both-bad answer is a tie), with its task, its item's
 * category × setting cell and its rater numbered locally. Raters are numbered in the
 * order of their names, so that rater pairs come out ordered.
 * <p>
 * The same view serves study-wide figures pooled over several pairs: then each pair is
 * seen from the model that comes first in a given order, and a task is an (item, pair).
 * For a single pair a task is simply an item, which is why fields and methods speak of
 * items.
 */
final class PairJudgments {

	static final byte FOCAL_BETTER = 0;

	static final byte OTHER_BETTER = 1;

	static final byte TIE = 2;

	static final int LABELS = 3;

	/**
	 * Largest number of (item, pair) keys numbered through a plain array; beyond it a
	 * map.
	 */
	private static final int DENSE_TASK_KEYS = 1 << 22;

	final JudgmentTable table;

	final int size;

	final int[] rows;

	final byte[] label;

	/** The task (for one pair: the item) of each judgment, numbered locally. */
	final int[] item;

	final int[] rater;

	/** Number of tasks. */
	final int items;

	/** Each task's category × setting cell. */
	final int[] itemCell;

	/** Each task's item in the table. */
	final int[] itemOfTask;

	/** Each task's pair, as the index into {@link #pairFocal} and {@link #pairOther}. */
	final int[] pairOfTask;

	/** The models of each pair in the table's numbering, the focal one first. */
	final int[] pairFocal;

	final int[] pairOther;

	/**
	 * Per task, how many judgments carry each label:
	 * {@code labelCounts[item * LABELS + label]}.
	 */
	final int[] labelCounts;

	final int cells;

	final int[] cellCategory;

	final int[] cellSetting;

	final String[] raterNames;

	private final boolean[] focalIsA;

	/**
	 * @param rank each table model's place in the order (lower is focal), or -1 for a
	 * model left out
	 */
	private PairJudgments(JudgmentTable table, int[] rank) {
		this.table = table;
		int models = rank.length;
		int[] pairOf = filled(models * models, -1);
		int[] pairFocalBuffer = new int[models * models];
		int[] pairOtherBuffer = new int[models * models];
		int pairCount = 0;
		for (int focal = 0; focal < models; focal++) {
			for (int other = 0; other < models; other++) {
				if (rank[focal] >= 0 && rank[other] >= 0 && rank[focal] < rank[other]) {
					pairFocalBuffer[pairCount] = focal;
					pairOtherBuffer[pairCount] = other;
					pairOf[focal * models + other] = pairCount;
					pairOf[other * models + focal] = pairCount;
					pairCount++;
				}
			}
		}
		this.pairFocal = Arrays.copyOf(pairFocalBuffer, pairCount);
		this.pairOther = Arrays.copyOf(pairOtherBuffer, pairCount);
		this.rows = selectRows(table, pairOf, models);
		this.size = rows.length;
		this.label = new byte[size];
		this.item = new int[size];
		this.rater = new int[size];
		this.focalIsA = new boolean[size];

		TaskNumbers tasks = new TaskNumbers((long) table.itemIds.size() * Math.max(pairCount, 1));
		int[] localCell = filled(table.categories.size() * table.settings.size(), -1);
		boolean[] raterPresent = new boolean[table.judges.size()];
		int[] itemCellBuffer = new int[Math.max(size, 1)];
		int[] itemOfTaskBuffer = new int[itemCellBuffer.length];
		int[] pairOfTaskBuffer = new int[itemCellBuffer.length];
		int[] cellCategoryBuffer = new int[localCell.length];
		int[] cellSettingBuffer = new int[localCell.length];
		int cellCount = 0;
		for (int k = 0; k < size; k++) {
			int row = rows[k];
			int a = table.modelA[row];
			int pair = pairOf[a * models + table.modelB[row]];
			focalIsA[k] = pairFocal[pair] == a;
			label[k] = labelOf(table.outcome(row), focalIsA[k]);
			int tableItem = table.item[row];
			int task = tasks.numberOf((long) tableItem * pairCount + pair);
			if (tasks.isNew()) {
				int category = table.itemCategory[tableItem];
				int setting = table.itemSetting[tableItem];
				int tableCell = category * table.settings.size() + setting;
				if (localCell[tableCell] < 0) {
					cellCategoryBuffer[cellCount] = category;
					cellSettingBuffer[cellCount] = setting;
					localCell[tableCell] = cellCount++;
				}
				itemCellBuffer[task] = localCell[tableCell];
				itemOfTaskBuffer[task] = tableItem;
				pairOfTaskBuffer[task] = pair;
			}
			item[k] = task;
			raterPresent[table.judge[row]] = true;
		}
		this.items = tasks.count();
		this.itemCell = Arrays.copyOf(itemCellBuffer, items);
		this.itemOfTask = Arrays.copyOf(itemOfTaskBuffer, items);
		this.pairOfTask = Arrays.copyOf(pairOfTaskBuffer, items);
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
		int[] rank = filled(table.models.size(), -1);
		int focal = table.modelIndex(focalModel);
		int other = table.modelIndex(otherModel);
		if (focal >= 0 && other >= 0) {
			rank[focal] = 0;
			rank[other] = 1;
		}
		return new PairJudgments(table, rank);
	}

	/**
	 * The judgments of every pair of the listed models, each pair seen from the model
	 * listed first; models not listed, and their judgments, are left out.
	 */
	static PairJudgments pooled(JudgmentTable table, List<String> order) {
		int[] rank = filled(table.models.size(), -1);
		for (int place = 0; place < order.size(); place++) {
			int model = table.modelIndex(order.get(place));
			if (model >= 0 && rank[model] < 0) {
				rank[model] = place;
			}
		}
		return new PairJudgments(table, rank);
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

	boolean leftKnown(int k) {
		return table.leftKnown(rows[k]);
	}

	/**
	 * For a judgment that is not a tie and whose order is known: whether the response
	 * shown on the left was chosen.
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
		return focalIsA[k];
	}

	private static int[] selectRows(JudgmentTable table, int[] pairOf, int models) {
		int count = 0;
		for (int row = 0; row < table.size; row++) {
			if (pairOf[table.modelA[row] * models + table.modelB[row]] >= 0) {
				count++;
			}
		}
		int[] selected = new int[count];
		int next = 0;
		for (int row = 0; row < table.size; row++) {
			if (pairOf[table.modelA[row] * models + table.modelB[row]] >= 0) {
				selected[next++] = row;
			}
		}
		return selected;
	}

	private static byte labelOf(Outcome outcome, boolean focalIsA) {
		if (!outcome.isDecisive()) {
			return TIE;
		}
		return ((outcome == Outcome.A) == focalIsA) ? FOCAL_BETTER : OTHER_BETTER;
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

	/**
	 * Numbers (item, pair) keys in order of first appearance: through an array while the
	 * key space is small, else through a map, so that many models over many items do not
	 * allocate items × pairs slots.
	 */
	private static final class TaskNumbers {

		private final int[] dense;

		private final Map<Long, Integer> sparse;

		private int count;

		private boolean isNew;

		TaskNumbers(long keys) {
			this.dense = (keys <= DENSE_TASK_KEYS) ? filled((int) keys, -1) : null;
			this.sparse = (this.dense != null) ? null : new HashMap<>();
		}

		int numberOf(long key) {
			int number;
			if (dense != null) {
				number = dense[(int) key];
				if (number < 0) {
					number = count;
					dense[(int) key] = number;
				}
			}
			else {
				number = sparse.computeIfAbsent(key, (absent) -> count);
			}
			isNew = number == count;
			if (isNew) {
				count++;
			}
			return number;
		}

		/** Whether the last key numbered had not been seen before. */
		boolean isNew() {
			return isNew;
		}

		int count() {
			return count;
		}

	}

}
