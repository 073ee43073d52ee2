package dev.pairwise.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Appends the benchmark's figures, as Markdown, to {@code target/benchmark/report.md} and
 * prints them; docs/benchmarks.md is written from that file.
 */
final class Report {

	private Report() {
	}

	static Path directory() {
		return AppProcess.projectDirectory().resolve("target/benchmark");
	}

	static synchronized void line(String format, Object... arguments) {
		String line = String.format(format, arguments);
		System.out.println(line);
		try {
			Files.createDirectories(directory());
			Files.writeString(directory().resolve("report.md"), line + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The value at quantile {@code q} of sorted nanosecond samples, in milliseconds. */
	static double millisAt(long[] sortedNanos, double q) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(q * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
	}

	static long[] sorted(long[] samples, int count) {
		long[] copy = Arrays.copyOf(samples, count);
		Arrays.sort(copy);
		return copy;
	}

}
