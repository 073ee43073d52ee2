package dev.pairwise.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pairwise.results.stats.Interval;
import dev.pairwise.results.stats.TwoModelResult;
import dev.pairwise.results.stats.WinRate;

/**
 * The results figure as a self-contained SVG: the focal model's win rate overall, per
 * category and per setting, as horizontal bars with 95% item-bootstrap whiskers, a dashed
 * line at 50% and each group's n. With more than two models each group holds one bar per
 * opponent, told apart by colour and a legend.
 * <p>
 * Styling uses presentation attributes only: no {@code <style>} element and no script, so
 * the same bytes render inline under the Content-Security-Policy and as a downloaded
 * file. Colours are the Okabe–Ito palette, distinguishable with any common colour-vision
 * deficiency; labels, numbers and whiskers are dark grey on white for print.
 */
final class WinRateChart {

	/** Okabe and Ito (2008), without yellow, which is too faint on white. */
	private static final String[] PALETTE = { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00" };

	/**
	 * No {@code -apple-system}: Batik's CSS parser (the PNG and PDF) rejects the whole
	 * list for it, and Safari knows {@code system-ui}.
	 */
	private static final String FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', sans-serif";

	private static final String INK = "#1d2433";

	private static final String MUTED = "#5d6778";

	/**
	 * Room right of the plot for the widest value ("100.0% [100.0, 100.0]") and a
	 * seven-digit n side by side at 11 px.
	 */
	static final int WIDTH = 900;

	private static final int LABEL_WIDTH = 210;

	private static final int PLOT_LEFT = LABEL_WIDTH + 10;

	private static final int PLOT_WIDTH = 460;

	private static final int BAR_HEIGHT = 14;

	private static final int BAR_GAP = 3;

	private static final int GROUP_GAP = 9;

	private static final int SECTION_GAP = 16;

	private static final int MAX_LABEL = 30;

	private final Labels labels;

	private final StringBuilder svg = new StringBuilder(16_384);

	private WinRateChart(Labels labels) {
		this.labels = labels;
	}

	/**
	 * Text of the figure in the reader's language.
	 *
	 * @param title the figure's title
	 * @param description what the figure shows, for screen readers
	 * @param overall the label of the all-judgments group
	 * @param byCategory heading of the categories
	 * @param bySetting heading of the settings
	 * @param axis the x axis label
	 * @param legendPrefix before each opponent in the legend, such as "vs"
	 * @param noData in place of a bar without judgments
	 * @param valueHeading above the numbers beside the bars
	 * @param caption the line under the figure: the study's n, B and tie policy
	 */
	record Labels(String title, String description, String overall, String byCategory, String bySetting, String axis,
			String legendPrefix, String noData, String valueHeading, String caption) {
	}

	/**
	 * Draws the figure; the categories and settings in the order of the pairs' maps, and
	 * no settings section when there is only one setting (it would repeat "overall").
	 */
	static String render(List<TwoModelResult> focalPairs, Labels labels) {
		return new WinRateChart(labels).draw(focalPairs);
	}

	private String draw(List<TwoModelResult> pairs) {
		List<Row> rows = new ArrayList<>();
		rows.add(Row.group(this.labels.overall(), pairs.stream().map(TwoModelResult::overall).toList()));
		addSection(rows, this.labels.byCategory(), pairs, true);
		addSection(rows, this.labels.bySetting(), pairs, false);

		int bars = pairs.size();
		int groupHeight = bars * BAR_HEIGHT + (bars - 1) * BAR_GAP;
		int legendHeight = (bars > 1) ? 22 : 0;
		int top = 66 + legendHeight;
		int y = top;
		List<Integer> rowTops = new ArrayList<>();
		for (Row row : rows) {
			if (row.heading) {
				y += SECTION_GAP;
				rowTops.add(y);
				y += 20;
			}
			else {
				rowTops.add(y);
				y += groupHeight + GROUP_GAP;
			}
		}
		int plotBottom = y;
		int height = plotBottom + 64;

		this.svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(height)
			.append("\" width=\"")
			.append(WIDTH)
			.append("\" height=\"")
			.append(height)
			.append("\" role=\"img\" aria-labelledby=\"fig-title fig-desc\" font-family=\"")
			.append(FONT)
			.append("\" class=\"win-rate-chart\">");
		this.svg.append("<title id=\"fig-title\">").append(escape(this.labels.title())).append("</title>");
		this.svg.append("<desc id=\"fig-desc\">").append(escape(this.labels.description())).append("</desc>");
		this.svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
		text(PLOT_LEFT - LABEL_WIDTH, 26, this.labels.title(), 16, INK, "start", "600");
		if (bars > 1) {
			legend(pairs, 46);
		}

		text(PLOT_LEFT + PLOT_WIDTH + 12, top - 12, this.labels.valueHeading(), 11, MUTED, "start", null);
		text(WIDTH - 8, top - 12, "n", 11, MUTED, "end", null);

		// Grid, axis and the 50% reference line under the bars.
		for (int tick = 0; tick <= 100; tick += 25) {
			double x = xOf(tick / 100.0);
			if (tick != 50) {
				line(x, top - 6, x, plotBottom, "#e3e7ee", 1, null);
			}
			text(x, plotBottom + 16, tick + "%", 11, MUTED, "middle", null);
		}
		line(PLOT_LEFT, plotBottom, PLOT_LEFT + PLOT_WIDTH, plotBottom, MUTED, 1, null);
		text(PLOT_LEFT + PLOT_WIDTH / 2.0, plotBottom + 34, this.labels.axis(), 12, INK, "middle", null);
		text(PLOT_LEFT - LABEL_WIDTH, plotBottom + 56, this.labels.caption(), 11, MUTED, "start", null);

		for (int r = 0; r < rows.size(); r++) {
			Row row = rows.get(r);
			int rowTop = rowTops.get(r);
			if (row.heading) {
				text(PLOT_LEFT - LABEL_WIDTH, rowTop + 13, row.label, 12, INK, "start", "600");
				continue;
			}
			text(PLOT_LEFT - 10, rowTop + groupHeight / 2.0 + 4, shorten(row.label), 12, INK, "end", null);
			for (int b = 0; b < bars; b++) {
				bar(row.rates.get(b), rowTop + b * (BAR_HEIGHT + BAR_GAP), PALETTE[b % PALETTE.length]);
			}
		}
		double fifty = xOf(0.5);
		line(fifty, top - 6, fifty, plotBottom, INK, 1.2, "5 4");
		this.svg.append("</svg>");
		return this.svg.toString();
	}

	private void addSection(List<Row> rows, String heading, List<TwoModelResult> pairs, boolean categories) {
		List<String> groups = new ArrayList<>();
		for (TwoModelResult pair : pairs) {
			for (String group : (categories ? pair.byCategory() : pair.bySetting()).keySet()) {
				if (!groups.contains(group)) {
					groups.add(group);
				}
			}
		}
		if (groups.isEmpty() || (!categories && groups.size() == 1)) {
			return;
		}
		rows.add(Row.heading(heading));
		for (String group : groups) {
			List<WinRate> rates = new ArrayList<>();
			for (TwoModelResult pair : pairs) {
				Map<String, WinRate> byGroup = categories ? pair.byCategory() : pair.bySetting();
				rates.add(byGroup.get(group));
			}
			rows.add(Row.group(group, rates));
		}
	}

	private void bar(WinRate rate, double top, String colour) {
		Double estimate = (rate == null) ? null : rate.winRate();
		double middle = top + BAR_HEIGHT / 2.0;
		double right = PLOT_LEFT + PLOT_WIDTH + 12;
		if (estimate == null) {
			text(PLOT_LEFT + 6, middle + 4, this.labels.noData(), 11, MUTED, "start", null);
			return;
		}
		double end = xOf(estimate);
		this.svg.append("<rect x=\"")
			.append(PLOT_LEFT)
			.append("\" y=\"")
			.append(fmt(top))
			.append("\" width=\"")
			.append(fmt(Math.max(end - PLOT_LEFT, 0.5)))
			.append("\" height=\"")
			.append(BAR_HEIGHT)
			.append("\" fill=\"")
			.append(colour)
			.append("\" fill-opacity=\"0.85\"/>");
		Interval ci = rate.bootstrap95();
		if (ci != null) {
			double low = xOf(ci.low());
			double high = xOf(ci.high());
			line(low, middle, high, middle, INK, 1.4, null);
			line(low, middle - 4, low, middle + 4, INK, 1.4, null);
			line(high, middle - 4, high, middle + 4, INK, 1.4, null);
		}
		String value = String.format(Locale.ROOT, "%.1f%%", estimate * 100);
		String interval = (ci == null) ? ""
				: String.format(Locale.ROOT, " [%.1f, %.1f]", ci.low() * 100, ci.high() * 100);
		text(right, middle + 4, value + interval, 11, INK, "start", null);
		text(WIDTH - 8, middle + 4, String.format(Locale.ROOT, "n = %,d", rate.n()), 11, MUTED, "end", null);
	}

	private void legend(List<TwoModelResult> pairs, int y) {
		double x = PLOT_LEFT - LABEL_WIDTH;
		for (int b = 0; b < pairs.size(); b++) {
			this.svg.append("<rect x=\"")
				.append(fmt(x))
				.append("\" y=\"")
				.append(y - 10)
				.append("\" width=\"12\" height=\"12\" fill=\"")
				.append(PALETTE[b % PALETTE.length])
				.append("\"/>");
			String label = this.labels.legendPrefix() + " " + pairs.get(b).otherModel();
			text(x + 17, y, label, 12, INK, "start", null);
			x += 36 + label.length() * 6.6;
		}
	}

	/** Keeps a long category name inside the label column. */
	private static String shorten(String label) {
		return (label.length() <= MAX_LABEL) ? label : label.substring(0, MAX_LABEL - 1) + "…";
	}

	private double xOf(double share) {
		return PLOT_LEFT + Math.max(0, Math.min(1, share)) * PLOT_WIDTH;
	}

	private void line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
		this.svg.append("<line x1=\"")
			.append(fmt(x1))
			.append("\" y1=\"")
			.append(fmt(y1))
			.append("\" x2=\"")
			.append(fmt(x2))
			.append("\" y2=\"")
			.append(fmt(y2))
			.append("\" stroke=\"")
			.append(stroke)
			.append("\" stroke-width=\"")
			.append(fmt(width))
			.append('"');
		if (dash != null) {
			this.svg.append(" stroke-dasharray=\"").append(dash).append('"');
		}
		this.svg.append("/>");
	}

	private void text(double x, double y, String content, int size, String fill, String anchor, String weight) {
		this.svg.append("<text x=\"")
			.append(fmt(x))
			.append("\" y=\"")
			.append(fmt(y))
			.append("\" font-size=\"")
			.append(size)
			.append("\" fill=\"")
			.append(fill)
			.append("\" text-anchor=\"")
			.append(anchor)
			.append('"');
		if (weight != null) {
			this.svg.append(" font-weight=\"").append(weight).append('"');
		}
		this.svg.append('>').append(escape(content)).append("</text>");
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** Category, setting and model names come from uploaded files: escape them. */
	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/** A section heading, or a group with one win rate per opponent. */
	private record Row(boolean heading, String label, List<WinRate> rates) {

		static Row heading(String label) {
			return new Row(true, label, List.of());
		}

		static Row group(String label, List<WinRate> rates) {
			return new Row(false, label, rates);
		}

	}

}
