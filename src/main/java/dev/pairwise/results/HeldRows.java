package dev.pairwise.results;

import java.util.Arrays;

import dev.pairwise.results.stats.Judgment;
import dev.pairwise.results.stats.JudgmentTable;

/**
 * Judgments in the order of their ids, each stored where its id falls and replaced when
 * the judgment of that id changes, so that however they arrived they give the table a
 * fresh read in id order gives. The judgments themselves are appended to a table builder
 * (a replaced one stays there unused, counted in {@link #storedRows()}); this keeps, per
 * place in id order, the id, the builder's row and a tag (the judgment's source). Not
 * thread-safe.
 */
final class HeldRows {

	private final JudgmentTable.Builder rows = JudgmentTable.builder();

	private long[] ids = new long[1024];

	private int[] rowOf = new int[1024];

	private int[] tags = new int[1024];

	private int size;

	/**
	 * Stores the judgment of the id, in the place of the one it replaces if there is one.
	 * @return whether the id is new
	 */
	boolean put(long id, int tag, Judgment judgment) {
		int at = (this.size == 0 || id > this.ids[this.size - 1]) ? -(this.size + 1)
				: Arrays.binarySearch(this.ids, 0, this.size, id);
		if (at >= 0) {
			this.rowOf[at] = this.rows.size();
			this.tags[at] = tag;
			this.rows.add(judgment);
			return false;
		}
		int insertAt = -(at + 1);
		if (this.size == this.ids.length) {
			this.ids = Arrays.copyOf(this.ids, this.size * 2);
			this.rowOf = Arrays.copyOf(this.rowOf, this.size * 2);
			this.tags = Arrays.copyOf(this.tags, this.size * 2);
		}
		System.arraycopy(this.ids, insertAt, this.ids, insertAt + 1, this.size - insertAt);
		System.arraycopy(this.rowOf, insertAt, this.rowOf, insertAt + 1, this.size - insertAt);
		System.arraycopy(this.tags, insertAt, this.tags, insertAt + 1, this.size - insertAt);
		this.ids[insertAt] = id;
		this.rowOf[insertAt] = this.rows.size();
		this.tags[insertAt] = tag;
		this.rows.add(judgment);
		this.size++;
		return true;
	}

	/** Number of judgments held. */
	int size() {
		return this.size;
	}

	/** Places allocated for judgments, for an estimate of the memory taken. */
	int capacity() {
		return this.ids.length;
	}

	/** Judgments stored, replaced ones included, for an estimate of the memory taken. */
	int storedRows() {
		return this.rows.size();
	}

	int tag(int place) {
		return this.tags[place];
	}

	/**
	 * A table of the judgments at the given places (in id order), numbered as a table of
	 * just those judgments.
	 */
	JudgmentTable table(int[] places) {
		int[] selected = new int[places.length];
		for (int i = 0; i < places.length; i++) {
			selected[i] = this.rowOf[places[i]];
		}
		return this.rows.build(selected);
	}

}
