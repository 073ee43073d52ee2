package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Win rates of a model pair overall, by category, by setting and by category × setting.
 * Every group is a union of category × setting cells, so counts are kept per cell and
 * summed, and one item bootstrap serves all groups.
 */
final class WinRateBreakdown {

	final WinRate overall;

	final Map<String, WinRate> byCategory;

	final Map<String, WinRate> bySetting;

	final Map<String, Map<String, WinRate>> byCategoryAndSetting;

	private WinRateBreakdown(PairJudgments pair, TiePolicy tiePolicy, Bootstrap bootstrap) {
		Tally[] cellTallies = new Tally[pair.cells];
		for (int cell = 0; cell < pair.cells; cell++) {
			cellTallies[cell] = new Tally();
		}
		for (int k = 0; k < pair.size; k++) {
			cellTallies[pair.itemCell[pair.item[k]]].add(pair.label[k], pair.bothBad(k), pair.focalFailed(k),
					pair.otherFailed(k));
		}
		for (int item = 0; item < pair.items; item++) {
			cellTallies[pair.itemCell[item]].addItem();
		}

		List<String> categories = distinct(pair, true);
		List<String> settings = distinct(pair, false);
		int[][] groupCells = new int[1 + categories.size() + settings.size() + pair.cells][];
		groupCells[0] = cellsWhere(pair, null, null);
		for (int c = 0; c < categories.size(); c++) {
			groupCells[1 + c] = cellsWhere(pair, categories.get(c), null);
		}
		for (int s = 0; s < settings.size(); s++) {
			groupCells[1 + categories.size() + s] = cellsWhere(pair, null, settings.get(s));
		}
		int firstCellGroup = 1 + categories.size() + settings.size();
		for (int cell = 0; cell < pair.cells; cell++) {
			groupCells[firstCellGroup + cell] = new int[] { cell };
		}
		Interval[] intervals = bootstrapIntervals(pair, tiePolicy, bootstrap, groupCells);

		this.overall = winRate(cellTallies, groupCells[0], intervals[0], tiePolicy);
		SortedMap<String, WinRate> categoryRates = new TreeMap<>();
		for (int c = 0; c < categories.size(); c++) {
			categoryRates.put(categories.get(c), winRate(cellTallies, groupCells[1 + c], intervals[1 + c], tiePolicy));
		}
		SortedMap<String, WinRate> settingRates = new TreeMap<>();
		for (int s = 0; s < settings.size(); s++) {
			int group = 1 + categories.size() + s;
			settingRates.put(settings.get(s), winRate(cellTallies, groupCells[group], intervals[group], tiePolicy));
		}
		SortedMap<String, Map<String, WinRate>> cellRates = new TreeMap<>();
		for (int cell = 0; cell < pair.cells; cell++) {
			int group = firstCellGroup + cell;
			cellRates.computeIfAbsent(pair.categoryOfCell(cell), (category) -> new TreeMap<>())
				.put(pair.settingOfCell(cell), winRate(cellTallies, groupCells[group], intervals[group], tiePolicy));
		}
		cellRates.replaceAll((category, rates) -> Collections.unmodifiableMap(rates));
		this.byCategory = Collections.unmodifiableSortedMap(categoryRates);
		this.bySetting = Collections.unmodifiableSortedMap(settingRates);
		this.byCategoryAndSetting = Collections.unmodifiableSortedMap(cellRates);
	}

	static WinRateBreakdown of(PairJudgments pair, TiePolicy tiePolicy, Bootstrap bootstrap) {
		return new WinRateBreakdown(pair, tiePolicy, bootstrap);
	}

	/**
	 * Bootstrap intervals of the estimate the tie policy selects, as a ratio of per-item
	 * sums: score in half points over twice the judgments (ties half), or wins over wins
	 * + losses (ties excluded).
	 */
	private static Interval[] bootstrapIntervals(PairJudgments pair, TiePolicy tiePolicy, Bootstrap bootstrap,
			int[][] groupCells) {
		int[] numerator = new int[pair.items];
		int[] denominator = new int[pair.items];
		for (int item = 0; item < pair.items; item++) {
			int base = item * PairJudgments.LABELS;
			int wins = pair.labelCounts[base + PairJudgments.FOCAL_BETTER];
			int losses = pair.labelCounts[base + PairJudgments.OTHER_BETTER];
			int ties = pair.labelCounts[base + PairJudgments.TIE];
			if (tiePolicy == TiePolicy.HALF) {
				numerator[item] = 2 * wins + ties;
				denominator[item] = 2 * (wins + losses + ties);
			}
			else {
				numerator[item] = wins;
				denominator[item] = wins + losses;
			}
		}
		return ItemBootstrap.ratioIntervals(pair.itemCell, pair.cells, numerator, denominator, groupCells, bootstrap);
	}

	private static WinRate winRate(Tally[] cellTallies, int[] cells, Interval bootstrap95, TiePolicy tiePolicy) {
		Tally group = new Tally();
		for (int cell : cells) {
			group.addAll(cellTallies[cell]);
		}
		return group.toWinRate(bootstrap95, tiePolicy);
	}

	private static List<String> distinct(PairJudgments pair, boolean categories) {
		List<String> names = new ArrayList<>();
		for (int cell = 0; cell < pair.cells; cell++) {
			String name = categories ? pair.categoryOfCell(cell) : pair.settingOfCell(cell);
			if (!names.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	/** Cells of the given category and setting; null matches any. */
	private static int[] cellsWhere(PairJudgments pair, String category, String setting) {
		int[] cells = new int[pair.cells];
		int count = 0;
		for (int cell = 0; cell < pair.cells; cell++) {
			if ((category == null || category.equals(pair.categoryOfCell(cell)))
					&& (setting == null || setting.equals(pair.settingOfCell(cell)))) {
				cells[count++] = cell;
			}
		}
		return Arrays.copyOf(cells, count);
	}

}
