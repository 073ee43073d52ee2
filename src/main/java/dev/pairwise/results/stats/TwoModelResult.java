package dev.pairwise.results.stats;

import java.util.List;
import java.util.SortedMap;

/**
 * Everything DESIGN.md's "Statistics" asks for about one model pair, seen from the focal
 * model X.
 *
 * @param focalModel X, whose wins are counted
 * @param otherModel Y
 * @param tiePolicy the policy that {@link WinRate#bootstrap95()} follows
 * @param overall all judgments of the pair
 * @param byCategory by item category, in name order
 * @param bySetting by item setting, in name order
 * @param byCategoryAndSetting category, then setting, both in name order; only
 * combinations with judgments
 * @param agreement inter-rater agreement
 * @param positionBias preference for the left response
 * @param lengthPreference preference for the longer response, and mean output lengths
 * @param lengthControlled the overall win rate with the responses' lengths controlled for
 * (AlpacaEval 2 style)
 * @param raters per-rater figures and flags, in name order
 */
public record TwoModelResult(String focalModel, String otherModel, TiePolicy tiePolicy, WinRate overall,
		SortedMap<String, WinRate> byCategory, SortedMap<String, WinRate> bySetting,
		SortedMap<String, SortedMap<String, WinRate>> byCategoryAndSetting, Agreement agreement,
		PositionBias positionBias, LengthPreference lengthPreference, LengthControlledWinRate lengthControlled,
		List<RaterQuality> raters) {

	public TwoModelResult {
		raters = List.copyOf(raters);
	}

}
