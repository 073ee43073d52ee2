package dev.pairwise.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one file. Validation goes on after the first problem so that a
 * user can fix a file in one round, but stops collecting after {@value #MAX_REPORTED}.
 */
public final class ImportErrors {

	static final int MAX_REPORTED = 100;

	private final String file;

	private final List<ImportError> errors = new ArrayList<>();

	public ImportErrors(String file) {
		this.file = file;
	}

	public String file() {
		return this.file;
	}

	/**
	 * Records a problem; the same problem twice in a row (one per cell of a wide row) is
	 * kept once.
	 */
	public void add(ImportError error) {
		boolean repeated = !this.errors.isEmpty() && this.errors.get(this.errors.size() - 1).equals(error);
		if (!repeated && this.errors.size() < MAX_REPORTED) {
			this.errors.add(error);
		}
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public boolean isFull() {
		return this.errors.size() >= MAX_REPORTED;
	}

	public void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new ImportRejectedException(this.file, this.errors);
		}
	}

	public ImportRejectedException rejectWith(ImportError error) {
		add(error);
		return new ImportRejectedException(this.file, this.errors);
	}

}
