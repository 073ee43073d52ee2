package dev.pairwise.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The table at the top of the report: each target next to its measured figure, the raw
 * durable ceiling of the same run and the figure's share of it.
 */
final class Summary {

	private static final List<String> ROWS = new ArrayList<>();

	private Summary() {
	}

	/** {@code met} null for a figure that has no target. */
	static synchronized void row(String database, String figure, String target, String measured, double ceiling,
			String share, Boolean met) {
		ROWS.add(String.format("| %s | %s | %s | **%s** | %s | %s | %s |", database, figure, target, measured,
				(ceiling > 0) ? String.format("%,.0f commits/s", ceiling) : "", share,
				(met == null) ? "" : (met ? "yes" : "**no**")));
	}

	/** Puts the table above everything the report holds so far. */
	static synchronized void writeOnTop() throws IOException {
		Path report = Report.directory().resolve("report.md");
		String below = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "";
		StringBuilder table = new StringBuilder();
		table.append("### Targets (issue 23) and the figures of this run\n\n");
		table.append("| database | figure | target | measured | raw ceiling, same run | share | met? |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		ROWS.forEach((row) -> table.append(row).append('\n'));
		table.append('\n');
		System.out.print(table);
		int afterHeading = below.indexOf("\n\n", below.indexOf("- Load average"));
		String merged = (afterHeading < 0) ? table + below
				: below.substring(0, afterHeading + 2) + table + below.substring(afterHeading + 2);
		Files.writeString(report, merged, StandardCharsets.UTF_8);
	}

}
