package dev.pairwise.results.stats;

import java.util.List;
import java.util.Map;

/**
 * Entry point of the statistics: a two-model comparison and a multi-model ranking, both
 * computed from a {@link JudgmentTable}. Stateless and thread-safe; bootstrap replicates
 * run on the common fork-join pool.
 */
public final class PairwiseStatistics {

	private PairwiseStatistics() {
	}

	/**
	 * Compares the focal model X with the other model Y over their judgments in the table
	 * (rows comparing other models are ignored; a model that never appears gives empty
	 * figures).
	 * @param table the judgments
	 * @param focalModel X, whose wins are counted
	 * @param otherModel Y
	 * @param tiePolicy the estimate that the bootstrap intervals are for
	 * @param bootstrap replicates and seed of the item bootstrap
	 * @param attention attention-check scores by judge; judges without a score are not
	 * checked
	 * @return win rates by group, agreement, position bias, length preference, the
	 * length-controlled win rate and raters
	 */
	public static TwoModelResult compare(JudgmentTable table, String focalModel, String otherModel, TiePolicy tiePolicy,
			Bootstrap bootstrap, Map<String, AttentionScore> attention) {
		return compare(table, focalModel, otherModel, tiePolicy, bootstrap, attention, RaterReview.TOO_FAST_SECONDS);
	}

	/**
	 * As {@link #compare(JudgmentTable, String, String, TiePolicy, Bootstrap, Map)}, with
	 * the study's own "too fast" threshold.
	 * @param tooFastSeconds a rater whose median seconds per judgment is below this is
	 * flagged too fast; 0 flags nobody
	 */
	public static TwoModelResult compare(JudgmentTable table, String focalModel, String otherModel, TiePolicy tiePolicy,
			Bootstrap bootstrap, Map<String, AttentionScore> attention, double tooFastSeconds) {
		PairJudgments pair = PairJudgments.select(table, focalModel, otherModel);
		int[][] judgmentsByItem = pair.groupByItem();
		WinRateBreakdown winRates = WinRateBreakdown.of(pair, tiePolicy, bootstrap);
		return new TwoModelResult(focalModel, otherModel, tiePolicy, winRates.overall, winRates.byCategory,
				winRates.bySetting, winRates.byCategoryAndSetting, AgreementStatistics.of(pair, judgmentsByItem),
				PositionBias.of(pair), LengthPreference.of(pair),
				LengthControlledWinRate.of(pair, tiePolicy, bootstrap),
				RaterReview.of(pair, judgmentsByItem, attention, tooFastSeconds));
	}

	/**
	 * The focal model's overall win rate with its bootstrap interval, exactly as
	 * {@link #compare} gives it, without the figures per rater and per group.
	 * @param table the judgments
	 * @param focalModel the model whose win rate is reported
	 * @param otherModel the model it is compared with
	 * @param tiePolicy how ties count
	 * @param bootstrap replicates and seed of the item bootstrap
	 * @return the overall win rate
	 */
	public static WinRate overall(JudgmentTable table, String focalModel, String otherModel, TiePolicy tiePolicy,
			Bootstrap bootstrap) {
		return WinRateBreakdown.of(PairJudgments.select(table, focalModel, otherModel), tiePolicy, bootstrap).overall;
	}

	/**
	 * Ranks every model in the table by Bradley–Terry (ties half a win each way) on the
	 * Elo scale, with item-bootstrap intervals, and tabulates the observed pairwise win
	 * rates.
	 * @param table the judgments; every model that appears in one is ranked
	 * @param bootstrap replicates and seed of the item bootstrap
	 * @return ratings best first, implied and observed win rates
	 */
	public static MultiModelResult rank(JudgmentTable table, Bootstrap bootstrap) {
		return MultiModelAnalysis.rank(table, bootstrap);
	}

	/**
	 * Agreement, position bias and raters over every pair of the listed models at once,
	 * each pair seen from the model listed first.
	 * @param table the judgments
	 * @param order the models, the study's focal model first
	 * @param attention attention-check scores by judge
	 * @return the pooled figures
	 */
	public static StudyWideResult studyWide(JudgmentTable table, List<String> order,
			Map<String, AttentionScore> attention) {
		return studyWide(table, order, attention, RaterReview.TOO_FAST_SECONDS);
	}

	/**
	 * As {@link #studyWide(JudgmentTable, List, Map)}, with the study's own "too fast"
	 * threshold.
	 * @param tooFastSeconds as for {@link #compare}
	 */
	public static StudyWideResult studyWide(JudgmentTable table, List<String> order,
			Map<String, AttentionScore> attention, double tooFastSeconds) {
		return StudyWideAnalysis.of(table, order, attention, tooFastSeconds);
	}

	/**
	 * The tasks whose judgments disagree most: highest share of disagreeing pairs of
	 * judgments first, then most judgments. Tasks on which all judgments agree are not
	 * disputed.
	 * @param table the judgments
	 * @param order the models, which orients each pair
	 * @param limit how many tasks at most
	 * @return up to {@code limit} tasks
	 */
	public static List<DisputedTask> mostDisputed(JudgmentTable table, List<String> order, int limit) {
		return StudyWideAnalysis.mostDisputed(table, order, limit);
	}

	/**
	 * Agreement between two sources of judgments of the same study, over the tasks (item,
	 * model pair) that both judged.
	 * @param first one source's judgments
	 * @param second the other's
	 * @param order the models, which orients each pair
	 * @return cross-source agreement and the kappa of the sources' majority labels
	 */
	public static SourceAgreement agreementBetween(JudgmentTable first, JudgmentTable second, List<String> order) {
		return StudyWideAnalysis.between(first, second, order);
	}

}
