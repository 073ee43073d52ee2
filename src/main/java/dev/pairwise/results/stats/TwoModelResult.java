package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything DESIGN.md's "Statistics" asks for about one model pair, seen from the focal
 * model X.
 *
 * @param focalModel X, whose wins are counted
 * @param otherModel Y
 * @param tiePolicy the policy that {@link WinRate#bootstrap95()} follows
 * @param overall all judgments of the pair
 * @param byCategory by item category, in name order until {@link #inGroupOrder} puts them
 * in the eval set's order
 * @param bySetting by item setting, likewise
 * @param byCategoryAndSetting category, then setting, in the same orders; only
 * combinations with judgments
 * @param agreement inter-rater agreement
 * @param positionBias preference for the left response
 * @param lengthPreference preference for the longer response, and mean output lengths
 * @param lengthControlled the overall win rate with the responses' lengths controlled for
 * (AlpacaEval 2 style)
 * @param raters per-rater figures and flags, in name order
 */
public record TwoModelResult(String focalModel, String otherModel, TiePolicy tiePolicy, WinRate overall,
		Map<String, WinRate> byCategory, Map<String, WinRate> bySetting,
		Map<String, Map<String, WinRate>> byCategoryAndSetting, Agreement agreement, PositionBias positionBias,
		LengthPreference lengthPreference, LengthControlledWinRate lengthControlled, List<RaterQuality> raters) {

	public TwoModelResult {
		raters = List.copyOf(raters);
	}

	/**
	 * The same result with categories and settings in the given order (an eval set's
	 * own); names the order does not list follow in name order.
	 * @param categories category names in the order to present them
	 * @param settings setting names in the order to present them
	 * @return a copy whose group maps iterate in that order
	 */
	public TwoModelResult inGroupOrder(List<String> categories, List<String> settings) {
		Map<String, Map<String, WinRate>> cells = reorder(this.byCategoryAndSetting, categories);
		cells.replaceAll((category, bySetting) -> Collections.unmodifiableMap(reorder(bySetting, settings)));
		return new TwoModelResult(this.focalModel, this.otherModel, this.tiePolicy, this.overall,
				Collections.unmodifiableMap(reorder(this.byCategory, categories)),
				Collections.unmodifiableMap(reorder(this.bySetting, settings)), Collections.unmodifiableMap(cells),
				this.agreement, this.positionBias, this.lengthPreference, this.lengthControlled, this.raters);
	}

	private static <V> Map<String, V> reorder(Map<String, V> groups, List<String> order) {
		List<String> names = new ArrayList<>(groups.keySet());
		names.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
		Map<String, V> ordered = new LinkedHashMap<>();
		names.forEach((name) -> ordered.put(name, groups.get(name)));
		return ordered;
	}

	/**
	 * Position in the order; unlisted names after all listed ones, stable sort keeps name
	 * order.
	 */
	private static int rank(List<String> order, String name) {
		int index = order.indexOf(name);
		return (index < 0) ? order.size() : index;
	}

}
