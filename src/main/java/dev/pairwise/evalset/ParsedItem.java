package dev.pairwise.evalset;

/**
 * One valid item of an items file, before it is stored. {@code exemplarsJson} is a JSON
 * array or null; {@code messagesJson} the conversation (null for a single prompt), whose
 * last user message is {@code prompt} and user turn number {@code turn}.
 */
record ParsedItem(int line, String key, String category, String setting, String prompt, String exemplarsJson,
		String variantOf, String messagesJson, Integer turn) {
}
