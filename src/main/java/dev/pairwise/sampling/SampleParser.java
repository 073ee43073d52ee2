package dev.pairwise.sampling;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.pairwise.importing.CsvHandler;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.TextLimits;
import dev.pairwise.importing.Upload;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

/**
 * Samples as JSON Lines ({@code {"item_id", "output", "logprob", "sample", "meta"}}) or
 * as CSV long form with a header naming the same columns, in any order ({@code meta} and
 * {@code model} optional). The model comes from the request, or from a {@code model}
 * field or column when the request names none.
 */
final class SampleParser {

	/** The sizes of the sample table's text and meta columns. */
	static final int MAX_TEXT = 1_000_000;

	static final int MAX_META = 100_000;

	private static final List<String> REQUIRED_COLUMNS = List.of("item_id", "output", "logprob", "sample");

	private final String model;

	SampleParser(String model) {
		this.model = model;
	}

	void parseJsonl(Upload upload, ImportErrors errors, Consumer<ParsedSample> sink) {
		upload.forEachLine(errors, (lineNumber, text) -> {
			if (text.isBlank()) {
				return;
			}
			JsonLine line = JsonLine.parse(lineNumber, text, errors);
			if (line == null) {
				return;
			}
			String itemKey = line.requiredText("item_id");
			// An empty sample is an answer too, as an empty output is.
			String output = line.presentText("output", MAX_TEXT);
			String lineModel = (this.model != null) ? this.model : line.requiredText("model");
			Double logprob = logprob(line);
			Integer sample = sampleIndex(line);
			JsonNode meta = line.value("meta");
			if (meta != null && !meta.isObject()) {
				line.error("meta", "must be a JSON object");
				return;
			}
			String metaJson = (meta != null) ? line.jsonText("meta", meta, MAX_META) : null;
			if (itemKey != null && output != null && lineModel != null && logprob != null && sample != null
					&& (meta == null || metaJson != null)) {
				sink.accept(new ParsedSample(lineNumber, itemKey, lineModel, sample, output, logprob, metaJson));
			}
		});
	}

	private static Double logprob(JsonLine line) {
		JsonNode value = line.value("logprob");
		if (value == null) {
			line.error("logprob", "required field is missing");
			return null;
		}
		if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
			line.error("logprob", "must be a finite number (the sample's total log-probability)");
			return null;
		}
		return value.doubleValue();
	}

	private static Integer sampleIndex(JsonLine line) {
		JsonNode value = line.value("sample");
		if (value == null) {
			line.error("sample", "required field is missing");
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
			line.error("sample", "must be a non-negative integer (0, 1, 2...)");
			return null;
		}
		return value.intValue();
	}

	void parseCsv(Upload upload, ImportErrors errors, Consumer<ParsedSample> sink) {
		upload.forEachCsvRecord(errors, new CsvHandler() {

			private final Map<String, Integer> columns = new HashMap<>();

			@Override
			public boolean header(List<String> cells) {
				for (int i = 0; i < cells.size(); i++) {
					this.columns.put(cells.get(i).toLowerCase(Locale.ROOT), i);
				}
				boolean complete = this.columns.keySet().containsAll(REQUIRED_COLUMNS)
						&& (SampleParser.this.model != null || this.columns.containsKey("model"));
				if (!complete) {
					errors.add(ImportError
						.atLine(1, null, "the header must name the columns item_id, output, logprob and sample"
								+ ((SampleParser.this.model != null) ? "" : ", and model (none given in the request)")
								+ "; meta is optional"));
				}
				return complete;
			}

			@Override
			public void record(int line, CSVRecord record) {
				csvRow(record, line, this.columns, errors, sink);
			}

		});
	}

	private void csvRow(CSVRecord record, int line, Map<String, Integer> columns, ImportErrors errors,
			Consumer<ParsedSample> sink) {
		String itemKey = required(record, columns, "item_id", line, errors);
		String output = record.get(columns.get("output"));
		if (output != null && TextLimits.problem(output, MAX_TEXT) != null) {
			errors.add(ImportError.atCell(line, columns.get("output") + 1, "output",
					TextLimits.problem(output, MAX_TEXT)));
			output = null;
		}
		String rowModel = (columns.containsKey("model") && !record.get(columns.get("model")).isBlank())
				? record.get(columns.get("model")) : this.model;
		if (rowModel == null) {
			errors.add(ImportError.atCell(line, columns.get("model") + 1, "model", "required field is empty"));
		}
		Double logprob = number(record, columns, line, errors);
		Integer sample = index(record, columns, line, errors);
		String meta = columns.containsKey("meta") ? record.get(columns.get("meta")) : "";
		String metaJson = meta.isBlank() ? null : metaObject(meta, line, columns.get("meta") + 1, errors);
		if (itemKey != null && output != null && rowModel != null && logprob != null && sample != null
				&& (meta.isBlank() || metaJson != null)) {
			sink.accept(new ParsedSample(line, itemKey, rowModel, sample, output, logprob, metaJson));
		}
	}

	private static Double number(CSVRecord record, Map<String, Integer> columns, int line, ImportErrors errors) {
		String text = required(record, columns, "logprob", line, errors);
		if (text == null) {
			return null;
		}
		try {
			double value = Double.parseDouble(text.trim());
			if (Double.isFinite(value)) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, with the other non-finite values.
		}
		errors.add(ImportError.atCell(line, columns.get("logprob") + 1, "logprob",
				"must be a finite number (the sample's total log-probability), not '" + text + "'"));
		return null;
	}

	private static Integer index(CSVRecord record, Map<String, Integer> columns, int line, ImportErrors errors) {
		String text = required(record, columns, "sample", line, errors);
		if (text == null) {
			return null;
		}
		try {
			int value = Integer.parseInt(text.trim());
			if (value >= 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, with the negative values.
		}
		errors.add(ImportError.atCell(line, columns.get("sample") + 1, "sample",
				"must be a non-negative integer (0, 1, 2...), not '" + text + "'"));
		return null;
	}

	private static String metaObject(String text, int line, int column, ImportErrors errors) {
		JsonLine parsed = JsonLine.parse(line, "{\"meta\":" + text + "}", new ImportErrors("meta"));
		JsonNode meta = (parsed != null) ? parsed.value("meta") : null;
		if (meta == null || !meta.isObject() || text.length() > MAX_META) {
			errors.add(ImportError.atCell(line, column, "meta",
					"must be a JSON object of at most " + MAX_META + " characters"));
			return null;
		}
		return meta.toString();
	}

	private static String required(CSVRecord record, Map<String, Integer> columns, String field, int line,
			ImportErrors errors) {
		String value = record.get(columns.get(field));
		if (value.isBlank()) {
			errors.add(ImportError.atCell(line, columns.get(field) + 1, field, "required field is empty"));
			return null;
		}
		return value;
	}

	/** One sample as read, with the line it was on. */
	record ParsedSample(int line, String itemKey, String model, int sample, String text, double logprob,
			String metaJson) {
	}

}
