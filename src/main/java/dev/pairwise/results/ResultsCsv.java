package dev.pairwise.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pairwise.importing.CsvCells;
import dev.pairwise.results.StrengthSummary.PairStrength;
import dev.pairwise.results.StrengthSummary.StrengthCounts;
import dev.pairwise.results.stats.Interval;
import dev.pairwise.results.stats.ModelRating;
import dev.pairwise.results.stats.StyleControlledRanking;
import dev.pairwise.results.stats.TwoModelResult;
import dev.pairwise.results.stats.WinRate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The table behind the figure, one row per (group, model pair): overall, each category,
 * each setting and each category × setting. Numbers are written in full precision; an
 * undefined figure is an empty cell. A graded study adds, per pair, one row per strength
 * level overall (group {@code strength}) and per category (group
 * {@code strength-category}): {@code wins} are the focal model's wins at that strength,
 * {@code losses} the other model's, {@code n} both; their win-rate cells are empty. A
 * study of more than two models adds the style-controlled ranking (group
 * {@code style-controlled}): per model the term {@code elo}, and per style feature its
 * coefficient, each {@code estimate} with its interval in the bootstrap columns and the
 * judgments fitted as {@code n}. The last column, {@code criterion}, names the criterion
 * the figures were computed from ({@code overall} for the overall answers).
 */
final class ResultsCsv {

	static final List<String> COLUMNS = List.of("study", "focal_model", "other_model", "group", "category", "setting",
			"n", "items", "wins", "losses", "ties", "both_bad", "focal_fails", "other_fails", "win_rate",
			"standard_error", "win_rate_excluding_ties", "bootstrap_low", "bootstrap_high", "wilson_low", "wilson_high",
			"sign_test_p", "ties_policy", "bootstrap", "source", "strength", "term", "estimate", "criterion");

	private ResultsCsv() {
	}

	static void write(StudyResults results, Writer writer) {
		try {
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			printer.printRecord(COLUMNS);
			for (TwoModelResult pair : results.pairs()) {
				row(printer, results, pair, "overall", "", "", pair.overall());
				for (Map.Entry<String, WinRate> category : pair.byCategory().entrySet()) {
					row(printer, results, pair, "category", category.getKey(), "", category.getValue());
				}
				for (Map.Entry<String, WinRate> setting : pair.bySetting().entrySet()) {
					row(printer, results, pair, "setting", "", setting.getKey(), setting.getValue());
				}
				for (var category : pair.byCategoryAndSetting().entrySet()) {
					for (Map.Entry<String, WinRate> cell : category.getValue().entrySet()) {
						row(printer, results, pair, "category-setting", category.getKey(), cell.getKey(),
								cell.getValue());
					}
				}
			}
			if (results.strength() != null) {
				for (PairStrength pair : results.strength()) {
					strengthRows(printer, results, pair, "strength", "", pair.overall());
					for (Map.Entry<String, StrengthCounts> category : pair.byCategory().entrySet()) {
						strengthRows(printer, results, pair, "strength-category", category.getKey(),
								category.getValue());
					}
				}
			}
			if (results.styleControlled() != null) {
				styleControlledRows(printer, results, results.styleControlled());
			}
			printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void row(CSVPrinter printer, StudyResults results, TwoModelResult pair, String group,
			String category, String setting, WinRate rate) throws IOException {
		List<Object> cells = new ArrayList<>(COLUMNS.size());
		cells.add(results.study().name());
		cells.add(pair.focalModel());
		cells.add(pair.otherModel());
		cells.add(group);
		cells.add(category);
		cells.add(setting);
		cells.add(rate.n());
		cells.add(rate.items());
		cells.add(rate.wins());
		cells.add(rate.losses());
		cells.add(rate.ties());
		cells.add(rate.bothBad());
		cells.add(rate.focalFails());
		cells.add(rate.otherFails());
		cells.add(number(rate.winRate()));
		cells.add(number(rate.standardError()));
		cells.add(number(rate.winRateExcludingTies()));
		cells.add(low(rate.bootstrap95()));
		cells.add(high(rate.bootstrap95()));
		cells.add(low(rate.wilson95()));
		cells.add(high(rate.wilson95()));
		cells.add(number(rate.signTestP()));
		cells.add(results.ties());
		cells.add(results.bootstrap());
		cells.add((results.source() != null) ? results.source() : "all");
		cells.add("");
		cells.add("");
		cells.add("");
		cells.add(criterion(results));
		printer.printRecord(CsvCells.record(cells));
	}

	private static void styleControlledRows(CSVPrinter printer, StudyResults results, StyleControlledRanking ranking)
			throws IOException {
		for (ModelRating rating : ranking.ratings()) {
			estimateRow(printer, results, ranking, rating.model(), "elo", rating.elo(), rating.ci95());
		}
		for (int feature = 0; feature < StyleControlledRanking.FEATURES.size(); feature++) {
			estimateRow(printer, results, ranking, "", StyleControlledRanking.FEATURES.get(feature),
					ranking.coefficients().get(feature), ranking.coefficientCi95().get(feature));
		}
	}

	private static void estimateRow(CSVPrinter printer, StudyResults results, StyleControlledRanking ranking,
			String model, String term, Double estimate, Interval interval) throws IOException {
		List<Object> cells = new ArrayList<>(COLUMNS.size());
		cells.addAll(List.of(results.study().name(), model, "", "style-controlled", "", "", ranking.comparisons()));
		while (cells.size() < COLUMNS.indexOf("bootstrap_low")) {
			cells.add("");
		}
		cells.add(low(interval));
		cells.add(high(interval));
		while (cells.size() < COLUMNS.indexOf("ties_policy")) {
			cells.add("");
		}
		cells.add(results.ties());
		cells.add(results.bootstrap());
		cells.add((results.source() != null) ? results.source() : "all");
		cells.add("");
		cells.add(term);
		cells.add(number(estimate));
		cells.add(criterion(results));
		printer.printRecord(CsvCells.record(cells));
	}

	private static void strengthRows(CSVPrinter printer, StudyResults results, PairStrength pair, String group,
			String category, StrengthCounts counts) throws IOException {
		for (String level : StrengthSummary.LEVELS) {
			int focal = counts.focal().get(level);
			int other = counts.other().get(level);
			List<Object> cells = new ArrayList<>(COLUMNS.size());
			cells.addAll(List.of(results.study().name(), pair.focalModel(), pair.otherModel(), group, category, "",
					focal + other, "", focal, other));
			while (cells.size() < COLUMNS.indexOf("ties_policy")) {
				cells.add("");
			}
			cells.add(results.ties());
			cells.add(results.bootstrap());
			cells.add((results.source() != null) ? results.source() : "all");
			cells.add(level);
			cells.add("");
			cells.add("");
			cells.add(criterion(results));
			printer.printRecord(CsvCells.record(cells));
		}
	}

	/**
	 * The criterion every figure of the file was computed from, or {@code overall} for
	 * the overall answers, so that files of several criteria can be concatenated.
	 */
	private static String criterion(StudyResults results) {
		return (results.criterion() != null) ? results.criterion() : "overall";
	}

	/** A number as a number, so that a negative one is not taken for a formula. */
	private static Object number(Double value) {
		return (value == null) ? "" : value;
	}

	private static Object low(Interval interval) {
		return (interval == null) ? "" : interval.low();
	}

	private static Object high(Interval interval) {
		return (interval == null) ? "" : interval.high();
	}

}
