package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
			"judge", "left", "fail_a", "fail_b", "strength", "reason", "elapsed_ms", "created_at", "source");

	private final CSVPrinter printer;

	private final String study;

	JudgmentCsv(Writer writer, String study) {
		try {
			this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			this.printer.printRecord(COLUMNS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.study = study;
	}

	void write(ExportRow row) {
		String left = (row.leftIsA() == null) ? "" : (row.leftIsA() ? MODEL_A : MODEL_B);
		try {
			this.printer.printRecord(CsvCells.record(cell(this.study), cell(row.itemId()), cell(row.category()),
					cell(row.setting()), cell(row.modelA()), cell(row.modelB()), row.winner().arena(),
					cell(row.judge()), left, row.failA(), row.failB(), cell(row.strength()), cell(row.reason()),
					(row.elapsedMs() != null) ? row.elapsedMs() : "", row.createdAt().toString(), cell(row.source())));
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

	private static String cell(String value) {
		return (value == null) ? "" : value;
	}

}
