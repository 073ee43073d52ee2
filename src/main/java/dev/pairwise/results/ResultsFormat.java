package dev.pairwise.results;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.pairwise.results.stats.Interval;

/**
 * How the results page writes numbers: shares as percentages with one decimal,
 * coefficients with three, p-values in the style of a paper; an undefined figure as a
 * dash.
 */
final class ResultsFormat {

	static final String NONE = "–";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** A count with thousands separators, as the summary line prints it: 100,000. */
	public String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

	public String pct(Double share) {
		return (share == null) ? NONE : String.format(Locale.ROOT, "%.1f%%", share * 100);
	}

	public String num(Double value, int decimals) {
		return (value == null) ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	public String ci(Interval interval) {
		return (interval == null) ? NONE
				: String.format(Locale.ROOT, "%.1f–%.1f%%", interval.low() * 100, interval.high() * 100);
	}

	public String elo(Interval interval) {
		return (interval == null) ? NONE : String.format(Locale.ROOT, "%.0f–%.0f", interval.low(), interval.high());
	}

	public String p(double p) {
		if (p < 0.001) {
			return "< 0.001";
		}
		return String.format(Locale.ROOT, (p < 0.01) ? "%.3f" : "%.2f", p);
	}

	public String time(Instant instant) {
		return TIME.format(instant);
	}

}
