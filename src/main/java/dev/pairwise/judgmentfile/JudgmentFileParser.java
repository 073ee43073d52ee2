package dev.pairwise.judgmentfile;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.pairwise.importing.CsvCells;
import dev.pairwise.importing.CsvHandler;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.TextLimits;
import dev.pairwise.importing.Upload;
import dev.pairwise.rating.Winner;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads a judgment import in the export's columns, as JSON Lines (one object per line,
 * the columns as fields) or as CSV with a header row. Columns the import does not use
 * ({@code study}, {@code source}, and any other, such as the extra columns of Chatbot
 * Arena's battle files) are ignored; the source comes from the request.
 */
final class JudgmentFileParser {

	static final List<String> REQUIRED = List.of("item_id", JudgmentCsv.MODEL_A, JudgmentCsv.MODEL_B, "winner",
			"judge");

	private static final Set<String> STRENGTHS = Set.of("slightly", "clearly", "much");

	private static final int MAX_JUDGE = 200;

	private static final int MAX_REASON = 10_000;

	/**
	 * The times every supported database stores (PostgreSQL's end before year 294277).
	 */
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private JudgmentFileParser() {
	}

	/**
	 * @param criteria the study's criteria, whose answers come as {@code winner_<id>}
	 * columns or fields
	 */
	static void parseJsonl(Upload upload, List<String> criteria, ImportErrors errors, Consumer<ParsedJudgment> sink) {
		upload.forEachLine(errors, (lineNumber, text) -> {
			if (text.isBlank()) {
				return;
			}
			JsonLine line = JsonLine.parse(lineNumber, text, errors);
			if (line != null) {
				Row row = new Row(lineNumber, Map.of(), errors);
				for (String field : fields(criteria)) {
					JsonNode value = line.value(field);
					if (value == null) {
						continue;
					}
					if (value.isString()) {
						row.values.put(field, value.stringValue());
					}
					else if (value.isBoolean() || value.isIntegralNumber()) {
						row.values.put(field, value.asString());
					}
					else {
						line.error(field, "must be a string" + (field.startsWith("fail_") ? " or a boolean"
								: field.equals("elapsed_ms") ? " or a whole number" : ""));
						row.broken = true;
					}
				}
				row.emit(criteria, sink);
			}
		});
	}

	private static List<String> fields(List<String> criteria) {
		List<String> fields = new ArrayList<>(JudgmentCsv.IMPORTED);
		criteria.forEach((criterion) -> fields.add(JudgmentCsv.CRITERION_PREFIX + criterion));
		return fields;
	}

	static void parseCsv(Upload upload, List<String> criteria, ImportErrors errors, Consumer<ParsedJudgment> sink) {
		List<String> known = fields(criteria);
		Map<String, Integer> columns = new HashMap<>();
		upload.forEachCsvRecord(errors, new CsvHandler() {

			@Override
			public boolean header(List<String> cells) {
				for (int i = 0; i < cells.size(); i++) {
					String name = cells.get(i).toLowerCase(Locale.ROOT);
					if (known.contains(name) && columns.putIfAbsent(name, i + 1) != null) {
						errors.add(ImportError.atCell(1, i + 1, name, "column appears twice in the header"));
					}
					else if (!known.contains(name) && name.startsWith(JudgmentCsv.CRITERION_PREFIX)) {
						errors.add(ImportError.atCell(1, i + 1, name,
								"names no criterion of this study" + (criteria.isEmpty() ? ", which has none"
										: "; its criteria are " + String.join(", ", criteria))));
					}
				}
				for (String field : REQUIRED) {
					if (!columns.containsKey(field)) {
						errors.add(ImportError.atLine(1, field,
								"the header has no '" + field + "' column; expected the judgment export's columns: "
										+ String.join(",", JudgmentCsv.COLUMNS)));
					}
				}
				return errors.isEmpty();
			}

			@Override
			public void record(int line, CSVRecord record) {
				Row row = new Row(line, columns, errors);
				columns.forEach((field, column) -> row.values.put(field, CsvCells.restore(record.get(column - 1))));
				row.emit(criteria, sink);
			}

		});
	}

	/** The cells of one row by field name, checked and turned into a judgment. */
	private static final class Row {

		private final int line;

		private final Map<String, Integer> columns;

		private final ImportErrors errors;

		private final Map<String, String> values = new HashMap<>();

		private boolean broken;

		Row(int line, Map<String, Integer> columns, ImportErrors errors) {
			this.line = line;
			this.columns = columns;
			this.errors = errors;
		}

		void emit(List<String> criteria, Consumer<ParsedJudgment> sink) {
			if (optional(JudgmentCsv.ATTENTION_CHECK) != null) {
				// An attention check of an export that includes them: not a judgment of
				// the models.
				return;
			}
			String itemId = required("item_id");
			String modelA = required(JudgmentCsv.MODEL_A);
			String modelB = required(JudgmentCsv.MODEL_B);
			Winner winner = winner();
			String judge = required("judge");
			String judgeProblem = (judge != null) ? TextLimits.problem(judge, MAX_JUDGE) : null;
			if (judgeProblem != null) {
				error("judge", judgeProblem);
			}
			if (modelA != null && modelA.equals(modelB)) {
				error(JudgmentCsv.MODEL_B,
						"is the same model as model_a ('" + modelA + "'); a judgment compares two models");
			}
			Boolean leftIsA = left();
			boolean failA = bool("fail_a");
			boolean failB = bool("fail_b");
			String strength = optional("strength");
			if (strength != null && !STRENGTHS.contains(strength)) {
				error("strength", "must be slightly, clearly or much, or empty");
			}
			String reason = optional("reason");
			String reasonProblem = (reason != null) ? TextLimits.problem(reason, MAX_REASON) : null;
			if (reasonProblem != null) {
				error("reason", reasonProblem);
			}
			Long elapsedMs = elapsed();
			Instant createdAt = createdAt();
			Map<String, Winner> answered = criteria(criteria);
			if (!this.broken) {
				sink.accept(new ParsedJudgment(this.line, this.columns, itemId, optional("category"),
						optional("setting"), modelA, modelB, winner, judge, leftIsA, failA, failB, strength, reason,
						elapsedMs, createdAt, answered));
			}
		}

		/**
		 * The criteria the row answers ({@code model_a}, {@code model_b} or {@code tie});
		 * an empty cell answers none.
		 */
		private Map<String, Winner> criteria(List<String> criteria) {
			Map<String, Winner> answered = new LinkedHashMap<>();
			for (String criterion : criteria) {
				String field = JudgmentCsv.CRITERION_PREFIX + criterion;
				String value = optional(field);
				if (value == null) {
					continue;
				}
				Winner winner = Winner.parse(value).filter((parsed) -> parsed != Winner.BOTH_BAD).orElse(null);
				if (winner == null) {
					error(field, "must be model_a, model_b or tie, or empty, not '" + value + "'");
				}
				else {
					answered.put(criterion, winner);
				}
			}
			return answered;
		}

		private String required(String field) {
			String value = this.values.get(field);
			if (value == null || value.isBlank()) {
				error(field, (value == null && this.columns.isEmpty()) ? "required field is missing"
						: "required field is empty");
				return null;
			}
			return value;
		}

		private String optional(String field) {
			String value = this.values.get(field);
			return (value == null || value.isEmpty()) ? null : value;
		}

		/** Chatbot Arena's values, and both-bad as this app's rating API names it. */
		private Winner winner() {
			String value = required("winner");
			if (value == null) {
				return null;
			}
			Winner winner = Winner.parse(value).orElse(null);
			if (winner == null) {
				error("winner", "must be " + Winner.spellings() + ", not '" + value + "'");
			}
			return winner;
		}

		private Boolean left() {
			String value = optional("left");
			if (value == null) {
				return null;
			}
			if (!value.equals(JudgmentCsv.MODEL_A) && !value.equals(JudgmentCsv.MODEL_B)) {
				error("left", "must be model_a or model_b (the one shown on the left), or empty");
				return null;
			}
			return value.equals(JudgmentCsv.MODEL_A);
		}

		private boolean bool(String field) {
			String value = optional(field);
			if (value == null) {
				return false;
			}
			return switch (value.toLowerCase(Locale.ROOT)) {
				case "true", "1" -> true;
				case "false", "0" -> false;
				default -> {
					error(field, "must be true or false, or empty");
					yield false;
				}
			};
		}

		private Long elapsed() {
			String value = optional("elapsed_ms");
			if (value == null) {
				return null;
			}
			try {
				long milliseconds = Long.parseLong(value.trim());
				if (milliseconds < 0) {
					error("elapsed_ms", "must not be negative");
				}
				return milliseconds;
			}
			catch (NumberFormatException ex) {
				error("elapsed_ms", "must be a whole number of milliseconds, or empty");
				return null;
			}
		}

		private Instant createdAt() {
			String value = optional("created_at");
			if (value == null) {
				return null;
			}
			try {
				Instant instant = OffsetDateTime.parse(value.trim()).toInstant();
				if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
					error("created_at", "must be between the years 1 and 9999");
					return null;
				}
				return instant;
			}
			catch (DateTimeParseException ex) {
				error("created_at", "must be an ISO-8601 time with an offset, such as 2026-03-01T12:00:00Z, or empty");
				return null;
			}
		}

		private void error(String field, String message) {
			this.broken = true;
			Integer column = this.columns.get(field);
			this.errors.add(new ImportError(this.line, column, field, message));
		}

	}

}
