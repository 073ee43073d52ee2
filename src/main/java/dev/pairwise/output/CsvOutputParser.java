package dev.pairwise.output;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import dev.pairwise.importing.CsvHandler;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.TextLimits;
import dev.pairwise.importing.Upload;
import org.apache.commons.csv.CSVRecord;

/**
 * Outputs as CSV with a header row, in long form ({@code item_id,model,output}), in the
 * one-model form ({@code item_id,output}, the model named by the request, as a JSON Lines
 * upload names it) or in wide form ({@code item_id,<model1>,<model2>,...}, one column per
 * model). In the long and one-model forms an empty output cell is an empty output (the
 * row says the model answered with nothing). In the wide form an empty cell means that
 * model has no output for the item, quoted or not (RFC 4180 does not tell {@code ""} from
 * nothing), so an empty output must come in another form or as JSON Lines; a cell of
 * spaces is an output of spaces in every form.
 */
final class CsvOutputParser {

	private static final List<String> LONG_FORM = List.of("item_id", "model", "output");

	private static final List<String> ONE_MODEL_FORM = List.of("item_id", "output");

	private final String model;

	CsvOutputParser(String model) {
		this.model = model;
	}

	void parse(Upload upload, ImportErrors errors, Consumer<ParsedOutput> sink) {
		upload.forEachCsvRecord(errors, new CsvHandler() {

			private List<String> models;

			private boolean oneModel;

			@Override
			public boolean header(List<String> cells) {
				this.oneModel = isOneModelForm(cells, errors);
				this.models = this.oneModel ? List.of() : modelColumns(cells, errors);
				return errors.isEmpty() && this.models != null;
			}

			@Override
			public void record(int line, CSVRecord record) {
				if (this.oneModel) {
					oneModelRow(record, line, errors, sink);
				}
				else if (this.models.isEmpty()) {
					longRow(record, line, errors, sink);
				}
				else {
					wideRow(record, line, this.models, errors, sink);
				}
			}

		});
	}

	/**
	 * Whether the header is {@code item_id,output}: the outputs of the one model the
	 * request names (without one, that is recorded as the header's problem, rather than
	 * reading a wide form of one model called "output").
	 */
	private boolean isOneModelForm(List<String> header, ImportErrors errors) {
		if (!header.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList().equals(ONE_MODEL_FORM)) {
			return false;
		}
		if (this.model == null) {
			errors.add(ImportError.atLine(1, "model", "the header item_id,output needs the model named in the request"
					+ " (?model=); or use the long form item_id,model,output"));
		}
		return true;
	}

	/**
	 * The model names of a wide header, an empty list for the long form, or null after
	 * recording why the header is unusable.
	 */
	private List<String> modelColumns(List<String> header, ImportErrors errors) {
		if (header.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList().equals(LONG_FORM)) {
			return List.of();
		}
		if (header.size() < 2 || !header.get(0).equalsIgnoreCase("item_id")) {
			errors.add(ImportError.atLine(1, null,
					"the header must be item_id,model,output (long form), item_id,output (one model, named in the request)"
							+ " or item_id,<model1>,<model2>,... (wide form)"));
			return null;
		}
		List<String> models = new ArrayList<>(header.subList(1, header.size()));
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < models.size(); i++) {
			String problem = ModelNames.problem(models.get(i));
			if (problem != null) {
				errors.add(ImportError.atCell(1, i + 2, models.get(i), problem));
			}
			else if (!seen.add(models.get(i))) {
				errors.add(ImportError.atCell(1, i + 2, models.get(i), "model appears twice in the header"));
			}
		}
		return errors.isEmpty() ? models : null;
	}

	private void longRow(CSVRecord record, int line, ImportErrors errors, Consumer<ParsedOutput> sink) {
		String itemKey = required(record, 0, line, "item_id", errors);
		String rowModel = (this.model != null && record.get(1).isBlank()) ? this.model
				: required(record, 1, line, "model", errors);
		String output = storable(record.get(2), line, 3, "output", errors);
		if (itemKey != null && rowModel != null && output != null) {
			sink.accept(new ParsedOutput(line, 3, itemKey, rowModel, output, null));
		}
	}

	private void oneModelRow(CSVRecord record, int line, ImportErrors errors, Consumer<ParsedOutput> sink) {
		String itemKey = required(record, 0, line, "item_id", errors);
		String output = storable(record.get(1), line, 2, "output", errors);
		if (itemKey != null && output != null) {
			sink.accept(new ParsedOutput(line, 2, itemKey, this.model, output, null));
		}
	}

	private void wideRow(CSVRecord record, int line, List<String> models, ImportErrors errors,
			Consumer<ParsedOutput> sink) {
		String itemKey = required(record, 0, line, "item_id", errors);
		if (itemKey == null) {
			return;
		}
		for (int i = 0; i < models.size(); i++) {
			String output = record.get(i + 1);
			if (!output.isEmpty() && storable(output, line, i + 2, models.get(i), errors) != null) {
				sink.accept(new ParsedOutput(line, i + 2, itemKey, models.get(i), output, null));
			}
		}
	}

	/**
	 * The cell's text if it fits the output column; {@code null} after recording why not.
	 */
	private static String storable(String text, int line, int column, String field, ImportErrors errors) {
		String problem = (text != null) ? TextLimits.problem(text, JsonlOutputParser.MAX_TEXT) : null;
		if (problem != null) {
			errors.add(ImportError.atCell(line, column, field, problem));
			return null;
		}
		return text;
	}

	private static String required(CSVRecord record, int index, int line, String field, ImportErrors errors) {
		String value = record.get(index);
		if (value.isBlank()) {
			errors.add(ImportError.atCell(line, index + 1, field, "required field is empty"));
			return null;
		}
		return value;
	}

}
