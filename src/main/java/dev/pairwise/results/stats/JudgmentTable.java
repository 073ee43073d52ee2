package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judgments encoded once as primitive columns, with item, model, category, setting and
 * judge names replaced by small integers. Every analysis reads this table, so a study's
 * judgments are parsed once however many model pairs are analysed, and a million rows
 * take about 40 MB instead of a list of objects.
 * <p>
 * An item belongs to the category and setting given by its first judgment (an eval-set
 * item has exactly one of each). Build it with {@link #of(Collection)}, or stream rows
 * into a {@link #builder()} without holding them all as objects.
 */
public final class JudgmentTable {

	static final int FLAG_LEFT_IS_A = 1;

	static final int FLAG_FAIL_A = 2;

	static final int FLAG_FAIL_B = 4;

	static final int FLAG_LEFT_UNKNOWN = 8;

	private static final Outcome[] OUTCOMES = Outcome.values();

	final int size;

	final int[] item;

	final int[] modelA;

	final int[] modelB;

	final int[] judge;

	final byte[] outcome;

	final byte[] flags;

	final int[] lengthA;

	final int[] lengthB;

	final long[] elapsedMs;

	final int[] itemCategory;

	final int[] itemSetting;

	final List<String> itemIds;

	final List<String> models;

	final List<String> categories;

	final List<String> settings;

	final List<String> judges;

	/**
	 * The builder's rows as a table; without a copy, the table shares the builder's
	 * columns and is only good until the builder changes.
	 */
	private JudgmentTable(Builder builder, boolean copy) {
		this.size = builder.size;
		this.item = copy ? Arrays.copyOf(builder.item, size) : builder.item;
		this.modelA = copy ? Arrays.copyOf(builder.modelA, size) : builder.modelA;
		this.modelB = copy ? Arrays.copyOf(builder.modelB, size) : builder.modelB;
		this.judge = copy ? Arrays.copyOf(builder.judge, size) : builder.judge;
		this.outcome = copy ? Arrays.copyOf(builder.outcome, size) : builder.outcome;
		this.flags = copy ? Arrays.copyOf(builder.flags, size) : builder.flags;
		this.lengthA = copy ? Arrays.copyOf(builder.lengthA, size) : builder.lengthA;
		this.lengthB = copy ? Arrays.copyOf(builder.lengthB, size) : builder.lengthB;
		this.elapsedMs = copy ? Arrays.copyOf(builder.elapsedMs, size) : builder.elapsedMs;
		this.itemIds = List.copyOf(builder.items.names);
		this.itemCategory = builder.itemCategory.toArray();
		this.itemSetting = builder.itemSetting.toArray();
		this.models = List.copyOf(builder.models.names);
		this.categories = List.copyOf(builder.categories.names);
		this.settings = List.copyOf(builder.settings.names);
		this.judges = List.copyOf(builder.judges.names);
	}

	/**
	 * Copies the selected rows column by column, numbering names anew in order of first
	 * appearance among them, exactly as a builder fed those rows would.
	 */
	private JudgmentTable(JudgmentTable source, int[] selected) {
		this.size = selected.length;
		this.item = new int[size];
		this.modelA = new int[size];
		this.modelB = new int[size];
		this.judge = new int[size];
		this.outcome = new byte[size];
		this.flags = new byte[size];
		this.lengthA = new int[size];
		this.lengthB = new int[size];
		this.elapsedMs = new long[size];
		Renumbering items = new Renumbering(source.itemIds);
		Renumbering models = new Renumbering(source.models);
		Renumbering categories = new Renumbering(source.categories);
		Renumbering settings = new Renumbering(source.settings);
		Renumbering judges = new Renumbering(source.judges);
		GrowableIntArray itemCategory = new GrowableIntArray();
		GrowableIntArray itemSetting = new GrowableIntArray();
		for (int k = 0; k < size; k++) {
			int row = selected[k];
			int sourceItem = source.item[row];
			int itemIndex = items.indexOf(sourceItem);
			if (itemIndex == itemCategory.size()) {
				itemCategory.add(categories.indexOf(source.itemCategory[sourceItem]));
				itemSetting.add(settings.indexOf(source.itemSetting[sourceItem]));
			}
			this.item[k] = itemIndex;
			this.modelA[k] = models.indexOf(source.modelA[row]);
			this.modelB[k] = models.indexOf(source.modelB[row]);
			this.judge[k] = judges.indexOf(source.judge[row]);
			this.outcome[k] = source.outcome[row];
			this.flags[k] = source.flags[row];
			this.lengthA[k] = source.lengthA[row];
			this.lengthB[k] = source.lengthB[row];
			this.elapsedMs[k] = source.elapsedMs[row];
		}
		this.itemIds = items.names();
		this.itemCategory = itemCategory.toArray();
		this.itemSetting = itemSetting.toArray();
		this.models = models.names();
		this.categories = categories.names();
		this.settings = settings.names();
		this.judges = judges.names();
	}

	public static JudgmentTable of(Collection<Judgment> judgments) {
		Builder builder = new Builder(judgments.size());
		for (Judgment judgment : judgments) {
			builder.add(judgment);
		}
		return builder.build();
	}

	public static Builder builder() {
		return new Builder(1024);
	}

	/** Number of judgments. */
	public int size() {
		return size;
	}

	/** The models that appear in at least one judgment, in order of first appearance. */
	public List<String> models() {
		return models;
	}

	/** The judgment of a row, as it was added. */
	public Judgment judgment(int row) {
		int itemIndex = item[row];
		return new Judgment(itemIds.get(itemIndex), categories.get(itemCategory[itemIndex]),
				settings.get(itemSetting[itemIndex]), models.get(modelA[row]), models.get(modelB[row]), outcome(row),
				judges.get(judge[row]), leftKnown(row) ? (Boolean) leftIsA(row) : null, lengthA[row], lengthB[row],
				failA(row), failB(row), elapsedMs[row]);
	}

	Outcome outcome(int row) {
		return OUTCOMES[outcome[row]];
	}

	boolean leftIsA(int row) {
		return (flags[row] & FLAG_LEFT_IS_A) != 0;
	}

	boolean leftKnown(int row) {
		return (flags[row] & FLAG_LEFT_UNKNOWN) == 0;
	}

	boolean failA(int row) {
		return (flags[row] & FLAG_FAIL_A) != 0;
	}

	boolean failB(int row) {
		return (flags[row] & FLAG_FAIL_B) != 0;
	}

	int modelIndex(String model) {
		return models.indexOf(model);
	}

	/** Collects judgments one at a time. Not thread-safe. */
	public static final class Builder {

		private final Dictionary items = new Dictionary();

		private final Dictionary models = new Dictionary();

		private final Dictionary categories = new Dictionary();

		private final Dictionary settings = new Dictionary();

		private final Dictionary judges = new Dictionary();

		private final GrowableIntArray itemCategory = new GrowableIntArray();

		private final GrowableIntArray itemSetting = new GrowableIntArray();

		private int size;

		private int[] item;

		private int[] modelA;

		private int[] modelB;

		private int[] judge;

		private byte[] outcome;

		private byte[] flags;

		private int[] lengthA;

		private int[] lengthB;

		private long[] elapsedMs;

		private Builder(int capacity) {
			int initial = Math.max(capacity, 16);
			item = new int[initial];
			modelA = new int[initial];
			modelB = new int[initial];
			judge = new int[initial];
			outcome = new byte[initial];
			flags = new byte[initial];
			lengthA = new int[initial];
			lengthB = new int[initial];
			elapsedMs = new long[initial];
		}

		public Builder add(Judgment judgment) {
			if (size == item.length) {
				grow();
			}
			int row = size++;
			int itemIndex = items.indexOf(judgment.itemId());
			if (itemIndex == itemCategory.size()) {
				itemCategory.add(categories.indexOf(judgment.category()));
				itemSetting.add(settings.indexOf(judgment.setting()));
			}
			item[row] = itemIndex;
			modelA[row] = models.indexOf(judgment.modelA());
			modelB[row] = models.indexOf(judgment.modelB());
			judge[row] = judges.indexOf(judgment.judge());
			outcome[row] = (byte) judgment.outcome().ordinal();
			Boolean leftIsA = judgment.leftIsA();
			int left = (leftIsA == null) ? FLAG_LEFT_UNKNOWN : (leftIsA ? FLAG_LEFT_IS_A : 0);
			flags[row] = (byte) (left | (judgment.failA() ? FLAG_FAIL_A : 0) | (judgment.failB() ? FLAG_FAIL_B : 0));
			lengthA[row] = judgment.lengthA();
			lengthB[row] = judgment.lengthB();
			elapsedMs[row] = judgment.elapsedMs();
			return this;
		}

		public int size() {
			return size;
		}

		public JudgmentTable build() {
			return new JudgmentTable(this, true);
		}

		/**
		 * A table of the given rows, in that order, numbered exactly as a builder fed
		 * only those rows would number them: in whatever order they were added, the same
		 * judgments in the same order give the same table.
		 */
		public JudgmentTable build(int[] rows) {
			return new JudgmentTable(new JudgmentTable(this, false), rows);
		}

		private void grow() {
			int capacity = item.length * 2;
			item = Arrays.copyOf(item, capacity);
			modelA = Arrays.copyOf(modelA, capacity);
			modelB = Arrays.copyOf(modelB, capacity);
			judge = Arrays.copyOf(judge, capacity);
			outcome = Arrays.copyOf(outcome, capacity);
			flags = Arrays.copyOf(flags, capacity);
			lengthA = Arrays.copyOf(lengthA, capacity);
			lengthB = Arrays.copyOf(lengthB, capacity);
			elapsedMs = Arrays.copyOf(elapsedMs, capacity);
		}

	}

	/** Names numbered in order of first appearance. */
	private static final class Dictionary {

		private final Map<String, Integer> indexes = new HashMap<>();

		private final List<String> names = new ArrayList<>();

		int indexOf(String name) {
			Integer index = indexes.get(name);
			if (index == null) {
				index = names.size();
				indexes.put(name, index);
				names.add(name);
			}
			return index;
		}

	}

	/**
	 * Numbers a table's names anew, in the order in which their old numbers are first
	 * asked for.
	 */
	private static final class Renumbering {

		private final List<String> oldNames;

		private final int[] newIndexes;

		private final List<String> names = new ArrayList<>();

		Renumbering(List<String> oldNames) {
			this.oldNames = oldNames;
			this.newIndexes = new int[oldNames.size()];
			Arrays.fill(this.newIndexes, -1);
		}

		int indexOf(int oldIndex) {
			if (newIndexes[oldIndex] < 0) {
				newIndexes[oldIndex] = names.size();
				names.add(oldNames.get(oldIndex));
			}
			return newIndexes[oldIndex];
		}

		List<String> names() {
			return List.copyOf(names);
		}

	}

	private static final class GrowableIntArray {

		private int[] values = new int[64];

		private int size;

		void add(int value) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = value;
		}

		int size() {
			return size;
		}

		int[] toArray() {
			return Arrays.copyOf(values, size);
		}

	}

}
