package dev.pairwise.output;

import java.util.function.Consumer;

import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.Upload;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"item_id", "output", "meta"}} per line. The model comes from the request, or
 * from a {@code model} field on the line when the request names none.
 */
final class JsonlOutputParser {

	private final String model;

	JsonlOutputParser(String model) {
		this.model = model;
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
			String itemKey = line.requiredText("item_id");
			String output = line.requiredText("output");
			String lineModel = (this.model != null) ? this.model : line.requiredText("model");
			JsonNode meta = line.value("meta");
			if (meta != null && !meta.isObject()) {
				line.error("meta", "must be a JSON object");
				return;
			}
			if (itemKey != null && output != null && lineModel != null) {
				sink.accept(new ParsedOutput(lineNumber, null, itemKey, lineModel, output,
						(meta != null) ? meta.toString() : null));
			}
		});
	}

}
