package dev.pairwise.importing;

/**
 * Keeps spreadsheets from running exported text: a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is written with a leading
 * {@code '} (OWASP's advice against CSV injection), and the import takes that prefix off
 * again so that an export re-imports unchanged.
 */
public final class CsvCells {

	private CsvCells() {
	}

	public static String neutralise(String cell) {
		return (cell != null && !cell.isEmpty() && isFormulaStart(cell.charAt(0))) ? "'" + cell : cell;
	}

	public static String restore(String cell) {
		return (cell.length() > 1 && cell.charAt(0) == '\'' && isFormulaStart(cell.charAt(1))) ? cell.substring(1)
				: cell;
	}

	private static boolean isFormulaStart(char first) {
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

}
