package dev.pairwise.evalset;

/**
 * One valid line of an items file, before it is stored. {@code exemplarsJson} is a JSON
 * array or null.
 */
record ParsedItem(int line, String key, String category, String setting, String prompt, String exemplarsJson,
		String variantOf) {
}
