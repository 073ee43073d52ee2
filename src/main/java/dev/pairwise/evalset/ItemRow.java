package dev.pairwise.evalset;

/**
 * An item as stored; {@code exemplarsJson} is a JSON array of {input, output} or null,
 * {@code messagesJson} its conversation or null (see {@link Conversation}).
 */
record ItemRow(long id, String key, String category, String setting, String prompt, String exemplarsJson,
		String variantOf, String messagesJson, Integer turn) {
}
