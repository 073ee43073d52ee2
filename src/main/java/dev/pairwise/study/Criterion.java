package dev.pairwise.study;

import java.util.Locale;

/**
 * One criterion a study asks its raters to judge separately, such as correctness.
 *
 * @param id the criterion's name in the API, the results' {@code ?criterion=} and the
 * export's {@code winner_<id>} column: a lowercase letter, then lowercase letters, digits
 * or {@code _}
 * @param label the question raters see, in English
 * @param labelZh the question in Simplified Chinese; null to show the English one
 * @param help a longer explanation in Markdown, shown folded; null for none
 */
public record Criterion(String id, String label, String labelZh, String help) {

	/** The label in the rater's language. */
	public String label(Locale locale) {
		boolean chinese = locale != null && "zh".equals(locale.getLanguage());
		return (chinese && this.labelZh != null && !this.labelZh.isBlank()) ? this.labelZh : this.label;
	}

}
