package dev.pairwise.importing;

import java.util.List;

import org.apache.commons.csv.CSVRecord;

/**
 * What an importer does with a CSV file read by {@link Upload#forEachCsvRecord}: check
 * its header, then take its records one by one.
 */
public interface CsvHandler {

	/**
	 * Takes the header's cells, trimmed; returns false, after recording why, when the
	 * records cannot be read with this header.
	 */
	boolean header(List<String> cells);

	/**
	 * Takes one record, which has as many cells as the header, and the line of the file
	 * it starts on.
	 */
	void record(int line, CSVRecord record);

}
