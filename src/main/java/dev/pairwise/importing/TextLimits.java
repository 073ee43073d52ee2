package dev.pairwise.importing;

/**
 * What a text field can hold once stored: no more characters than its column, and no NUL
 * character, which PostgreSQL refuses in text (H2 would take it, so the same file must be
 * refused on both). A name (a category, a setting, a model, an eval set) holds no control
 * character either: names are stored one per line in lists and shown on one line.
 */
public final class TextLimits {

	private TextLimits() {
	}

	/** Why the text cannot be stored, or {@code null} when it can. */
	public static String problem(String text, int maxLength) {
		if (text.indexOf('\0') >= 0) {
			return "contains a NUL character (U+0000), which is not text";
		}
		if (text.length() > maxLength) {
			return "is longer than " + maxLength + " characters";
		}
		return null;
	}

	/** Why the text cannot be stored as a name, or {@code null} when it can. */
	public static String nameProblem(String name, int maxLength) {
		String problem = problem(name, maxLength);
		if (problem != null) {
			return problem;
		}
		int control = name.codePoints().filter(TextLimits::isControl).findFirst().orElse(-1);
		return (control >= 0)
				? "contains a control character (U+%04X) such as a line break or a tab; a name is one line of text"
					.formatted(control)
				: null;
	}

	private static boolean isControl(int codePoint) {
		return Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029;
	}

}
