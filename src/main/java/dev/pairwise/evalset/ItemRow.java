package dev.pairwise.evalset;

/**
 * An item as stored; {@code exemplarsJson} is a JSON array of {input, output} or null.
 */
record ItemRow(long id, String key, String category, String setting, String prompt, String exemplarsJson,
		String variantOf) {
}
