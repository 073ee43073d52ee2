package dev.pairwise.importing;

/**
 * What a text field can hold once stored: no more characters than its column, and no NUL
 * character, which PostgreSQL refuses in text (H2 would take it, so the same file must be
 * refused on both).
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

}
