package dev.pairwise.recruitment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.pairwise.importing.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code participants.csv}: one row per participant, every text cell (platform ids and
 * parameters come from strangers' URLs) defused against spreadsheet formulas.
 */
final class ParticipantsCsv {

	static final List<String> COLUMNS = List.of("participant_id", "extra_params", "consent_at", "first_activity",
			"last_activity", "active_seconds", "judgments", "attention_checks", "attention_accuracy",
			"qualification_score", "median_seconds_per_judgment", "flags", "status", "suggested_action", "reason");

	private ParticipantsCsv() {
	}

	static void write(List<ParticipantRecord> records, Writer writer) {
		try {
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			printer.printRecord(COLUMNS);
			for (ParticipantRecord record : records) {
				printer.printRecord(CsvCells.record(record.participantId(), extraParams(record),
						text(record.consentAt()), text(record.firstActivity()), text(record.lastActivity()),
						record.activeSeconds(), record.judgments(), record.attentionChecks(),
						decimal(record.attentionAccuracy()), record.qualificationScore(),
						decimal(record.medianSecondsPerJudgment()), String.join(";", record.flags()), record.status(),
						record.suggestedAction(), record.reason()));
			}
			printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code NAME=value} pairs separated by {@code ;}, in the link's order. */
	static String extraParams(ParticipantRecord record) {
		return record.extraParams()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(";"));
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

	private static String decimal(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.3f", value) : "";
	}

}
