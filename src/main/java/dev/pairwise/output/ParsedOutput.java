package dev.pairwise.output;

/**
 * One output read from a file, with where it came from for error messages;
 * {@code contextJson} holds the model's own earlier answers of a multi-turn item (see
 * {@link MtBenchAnswer}), else null.
 */
record ParsedOutput(int line, Integer column, String itemKey, String model, String text, String metaJson,
		String contextJson) {

	ParsedOutput(int line, Integer column, String itemKey, String model, String text, String metaJson) {
		this(line, column, itemKey, model, text, metaJson, null);
	}

}
