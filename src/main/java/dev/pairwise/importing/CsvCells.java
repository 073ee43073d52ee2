package dev.pairwise.importing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps spreadsheets from running exported text, the one place every CSV export goes
 * through: a text cell whose first character that is not blank (spaces, no-break spaces,
 * the ideographic space, tabs and line breaks) is {@code =}, {@code +}, {@code -},
 * {@code @} or their full-width forms {@code ＝＋－＠}, or that starts with a tab or a
 * carriage return, is written with a leading {@code '} (OWASP's advice against CSV
 * injection). The import takes that prefix off again so that an export re-imports
 * unchanged. Numbers are not text and are written as they are.
 */
public final class CsvCells {

	private static final String TRIGGERS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

	private CsvCells() {
	}

	/** The cells of one record, each text cell neutralised. */
	public static List<Object> record(Object... cells) {
		return record(Arrays.asList(cells));
	}

	/** The cells of one record, each text cell neutralised. */
	public static List<Object> record(List<?> cells) {
		List<Object> safe = new ArrayList<>(cells.size());
		for (Object cell : cells) {
			safe.add((cell instanceof CharSequence text) ? neutralise(text.toString()) : cell);
		}
		return safe;
	}

	public static String neutralise(String cell) {
		return (cell != null && isFormulaLike(cell)) ? "'" + cell : cell;
	}

	public static String restore(String cell) {
		return (cell.length() > 1 && cell.charAt(0) == '\'' && isFormulaLike(cell.substring(1))) ? cell.substring(1)
				: cell;
	}

	private static boolean isFormulaLike(String cell) {
		if (cell.isEmpty()) {
			return false;
		}
		if (cell.charAt(0) == '\t' || cell.charAt(0) == '\r') {
			return true;
		}
		return cell.codePoints()
			.filter((c) -> !isBlank(c))
			.findFirst()
			.stream()
			.anyMatch((c) -> TRIGGERS.indexOf(c) >= 0);
	}

	private static boolean isBlank(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

}
