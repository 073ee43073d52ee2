package dev.pairwise.bundle;

import java.util.Arrays;

/**
 * The new id of each row a bundle refers to by its old id. Bundles list rows in id order
 * and the import inserts them in that order, so both columns grow and a lookup is a
 * binary search over two primitive arrays: a million assignments take 16 MB, not a map of
 * boxed longs.
 */
public final class IdMap {

	private long[] refs = new long[1024];

	private long[] ids = new long[1024];

	private int size;

	/** False when {@code ref} does not come after the previous one. */
	public boolean add(long ref, long id) {
		if (this.size > 0 && ref <= this.refs[this.size - 1]) {
			return false;
		}
		if (this.size == this.refs.length) {
			this.refs = Arrays.copyOf(this.refs, this.size * 2);
			this.ids = Arrays.copyOf(this.ids, this.size * 2);
		}
		this.refs[this.size] = ref;
		this.ids[this.size] = id;
		this.size++;
		return true;
	}

	/** The new id of {@code ref}, or -1 when the bundle has no such row. */
	public long get(long ref) {
		int index = Arrays.binarySearch(this.refs, 0, this.size, ref);
		return (index >= 0) ? this.ids[index] : -1;
	}

	public int size() {
		return this.size;
	}

}
