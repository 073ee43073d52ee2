package dev.pairwise.rating;

import java.util.Locale;

/**
 * What the task browser shows: tasks of a category, a setting, an item, whose judgments
 * agree or disagree, that raters flagged. Null or false: no restriction.
 */
record TaskFilter(String category, String setting, String item, Agreement agreement, boolean flagged) {

	TaskFilter {
		category = blankToNull(category);
		setting = blankToNull(setting);
		item = blankToNull(item);
		agreement = (agreement != null) ? agreement : Agreement.ANY;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	enum Agreement {

		/** Every task. */
		ANY,
		/** Judgments with more than one label (A better, B better, tie). */
		DISAGREE,
		/** Two or more judgments, all with one label. */
		AGREE;

		/**
		 * {@code any}, {@code disagree} or {@code agree}, as the page's links spell it.
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Agreement of(String id) {
			for (Agreement agreement : values()) {
				if (agreement.id().equals(id)) {
					return agreement;
				}
			}
			return null;
		}

	}

}
