package dev.pairwise.output;

import java.util.Map;
import java.util.function.Consumer;

import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.Upload;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"item_id", "output", "meta"}} per line. The model comes from the request, or
 * from a {@code model} field on the line when the request names none. {@code output} must
 * be present but may be empty or whitespace: real models do answer with nothing, and
 * raters must be able to judge that. A line of MT-Bench's {@code model_answer} files is
 * read by {@link MtBenchAnswer}.
 */
final class JsonlOutputParser {

	/** The sizes of the output table's text and meta columns. */
	static final int MAX_TEXT = 1_000_000;

	static final int MAX_META = 100_000;

	private final String model;

	private final Map<String, Integer> turnsByQuestion;

	/**
	 * @param turnsByQuestion how many turns each MT-Bench question of the eval set has,
	 * to check answers in MT-Bench's {@code model_answer} format
	 */
	JsonlOutputParser(String model, Map<String, Integer> turnsByQuestion) {
		this.model = model;
		this.turnsByQuestion = turnsByQuestion;
	}

	void parse(Upload upload, ImportErrors errors, Consumer<ParsedOutput> sink) {
		upload.forEachLine(errors, (lineNumber, text) -> {
			if (text.isBlank()) {
				return;
			}
			JsonLine line = JsonLine.parse(lineNumber, text, errors);
			if (line == null) {
				return;
			}
			if (MtBenchAnswer.isOne(line)) {
				MtBenchAnswer.outputs(line, this.model, this.turnsByQuestion).forEach(sink);
				return;
			}
			String itemKey = line.requiredText("item_id");
			String output = line.presentText("output", MAX_TEXT);
			String lineModel = (this.model != null) ? this.model : line.requiredText("model");
			JsonNode meta = line.value("meta");
			if (meta != null && !meta.isObject()) {
				line.error("meta", "must be a JSON object");
				return;
			}
			String metaJson = (meta != null) ? line.jsonText("meta", meta, MAX_META) : null;
			if (itemKey != null && output != null && lineModel != null && (meta == null || metaJson != null)) {
				sink.accept(new ParsedOutput(lineNumber, null, itemKey, lineModel, output, metaJson));
			}
		});
	}

}
