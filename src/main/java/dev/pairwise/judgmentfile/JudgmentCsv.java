package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import dev.pairwise.importing.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The judgment export, in DESIGN.md's columns and Chatbot Arena's vocabulary so that
 * FastChat's rating scripts load it: {@code winner} is {@code model_a}, {@code model_b},
 * {@code tie} or {@code tie (bothbad)}; {@code left} names which of model_a / model_b was
 * shown on the left (empty when not recorded).
 */
final class JudgmentCsv {

	/** A column, and how {@code left} names model_a's side. */
	static final String MODEL_A = "model_a";

	/** A column, and how {@code left} names model_b's side. */
	static final String MODEL_B = "model_b";

	static final List<String> COLUMNS = List.of("study", "item_id", "category", "setting", MODEL_A, MODEL_B, "winner",
			"judge", "left", "fail_a", "fail_b", "strength", "reason", "elapsed_ms", "created_at", "source", "tstamp",
			"anony", "assignment_id", "served_at", "attention_check", "excluded", "turn");

	/**
	 * How a criterion's column is named: {@code winner_<criterion>}, after the columns
	 * above, spelt like {@code winner} (model_a, model_b or tie).
	 */
	static final String CRITERION_PREFIX = "winner_";

	/**
	 * The column that marks an attention check ({@code passed}, {@code failed} or
	 * {@code unscored}); empty for a judgment of the models.
	 */
	static final String ATTENTION_CHECK = "attention_check";

	/**
	 * The columns an import reads; the others ({@code tstamp}, {@code anony},
	 * {@code assignment_id}, {@code served_at}, {@code excluded}) describe how this study
	 * collected the judgment and are ignored, like any column the import does not know.
	 */
	static final List<String> IMPORTED = List.of("study", "item_id", "category", "setting", MODEL_A, MODEL_B, "winner",
			"judge", "left", "fail_a", "fail_b", "strength", "reason", "elapsed_ms", "created_at", "source",
			ATTENTION_CHECK);

	private final CSVPrinter printer;

	private final String study;

	JudgmentCsv(Writer writer, String study, List<String> criteria) {
		try {
			this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			List<String> header = new ArrayList<>(COLUMNS);
			criteria.forEach((criterion) -> header.add(CRITERION_PREFIX + criterion));
			this.printer.printRecord(header);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.study = study;
	}

	/**
	 * Writes one judgment as its rater saw it ({@link ExportRow#asShown()}); an excluded
	 * rater's judgments stay in the file, marked {@code excluded}.
	 */
	void write(ExportRow stored) {
		ExportRow row = stored.asShown();
		String left = (row.leftIsA() == null) ? "" : (row.leftIsA() ? MODEL_A : MODEL_B);
		List<Object> cells = new ArrayList<>(List.of(cell(this.study), cell(row.itemId()), cell(row.category()),
				cell(row.setting()), cell(row.modelA()), cell(row.modelB()), row.winner().arena(), cell(row.judge()),
				left, row.failA(), row.failB(), cell(row.strength()), cell(row.reason()),
				(row.elapsedMs() != null) ? row.elapsedMs() : "", row.createdAt().toString(), cell(row.source()),
				unixSeconds(row.createdAt()), row.anonymous(), (row.assignmentId() != null) ? row.assignmentId() : "",
				(row.servedAt() != null) ? row.servedAt().toString() : "", attentionCheck(row), row.excluded(),
				row.turn()));
		row.criteria().forEach((answer) -> cells.add((answer.winner() != null) ? answer.winner().arena() : ""));
		try {
			this.printer.printRecord(CsvCells.record(cells));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void flush() {
		try {
			this.printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Chatbot Arena's {@code tstamp}: Unix seconds, to the millisecond. */
	static String unixSeconds(Instant instant) {
		return BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
	}

	static String attentionCheck(ExportRow row) {
		if (!row.attention()) {
			return "";
		}
		return (row.attentionCorrect() == null) ? "unscored" : (row.attentionCorrect() ? "passed" : "failed");
	}

	private static String cell(String value) {
		return (value == null) ? "" : value;
	}

}
