package dev.pairwise.importing;

/**
 * One problem found in an uploaded file. {@code line} and {@code column} are 1-based and
 * {@code null} when they do not apply (for instance a problem with the whole file).
 */
public record ImportError(Integer line, Integer column, String field, String message) {

	public static ImportError atLine(int line, String field, String message) {
		return new ImportError(line, null, field, message);
	}

	public static ImportError atCell(int line, int column, String field, String message) {
		return new ImportError(line, column, field, message);
	}

	public static ImportError forFile(String message) {
		return new ImportError(null, null, null, message);
	}

	String describe() {
		StringBuilder where = new StringBuilder();
		if (this.line != null) {
			where.append("line ").append(this.line);
		}
		if (this.column != null) {
			where.append(", column ").append(this.column);
		}
		if (this.field != null) {
			where.append(where.isEmpty() ? "" : ", ").append("field '").append(this.field).append("'");
		}
		return where.isEmpty() ? this.message : where + ": " + this.message;
	}

}
