/**
 * Statistics of a pairwise human evaluation, as DESIGN.md's "Statistics (normative)"
 * defines them. Plain Java: no Spring, no JSON; every result is a record with nullable
 * {@code Double}s where a figure is undefined (never NaN).
 *
 * <h2>Use</h2> <pre>{@code
 * JudgmentTable table = JudgmentTable.of(judgments);        // or JudgmentTable.builder().add(j)...build()
 * TwoModelResult pair = PairwiseStatistics.compare(table, "flan", "base", TiePolicy.HALF,
 *         Bootstrap.withSeed(studyId), attentionScoresByJudge);
 * MultiModelResult ranking = PairwiseStatistics.rank(table, Bootstrap.withSeed(studyId));
 * }</pre> Build the table once per study and reuse it for every pair and the ranking.
 * Both calls are thread-safe and deterministic: the same judgments, seed and replicates
 * give the same intervals on any number of cores.
 *
 * <h2>Inputs</h2> {@link dev.pairwise.results.stats.Judgment} (one row of the judgment
 * export, in Chatbot Arena's model_a / model_b orientation, which may change from row to
 * row), {@link dev.pairwise.results.stats.Outcome},
 * {@link dev.pairwise.results.stats.TiePolicy},
 * {@link dev.pairwise.results.stats.Bootstrap} (B = 2000 by default) and
 * {@link dev.pairwise.results.stats.AttentionScore} (attention checks are not judgments).
 * A task is an (item, unordered model pair); for two models it is the item.
 *
 * <h2>Two models: {@link dev.pairwise.results.stats.TwoModelResult}</h2> Each judgment
 * scores the focal model X 1, 0 or ½ (tie or both bad).
 * <ul>
 * <li>{@link dev.pairwise.results.stats.WinRate} overall, by category, by setting and by
 * category × setting: counts (ties include both-bad), win rate with ties half
 * (AlpacaEval), standard error (sample sd / √n), win rate excluding ties, a 95%
 * percentile bootstrap that resamples items (all judgments of an item move together), the
 * Wilson interval and the exact sign test on wins among wins + losses.</li>
 * <li>{@link dev.pairwise.results.stats.Agreement} over tasks with ≥ 2 judgments (labels
 * X / Y / tie): pairwise agreement (MT-Bench), leave-one-out agreement with the others'
 * mode (AlpacaEval), Krippendorff's alpha (nominal), Fleiss' kappa (equal judgments per
 * task only) and Cohen's kappa per rater pair.</li>
 * <li>{@link dev.pairwise.results.stats.PositionBias},
 * {@link dev.pairwise.results.stats.LengthPreference} (difference over 30 characters;
 * mean output length over distinct items).</li>
 * <li>{@link dev.pairwise.results.stats.RaterQuality} per judge, flagged by the rule in
 * {@link dev.pairwise.results.stats.RaterFlag}.</li>
 * </ul>
 *
 * <h2>More models: {@link dev.pairwise.results.stats.MultiModelResult}</h2> Bradley–Terry
 * by maximum likelihood (Hunter's MM algorithm, a tie half a win each way) on the Elo
 * scale (400 points per factor of ten in odds, mean 1000), item-bootstrap 95% intervals,
 * implied win probabilities and the observed pairwise win rates with their n.
 *
 * <h2>Undefined figures</h2> Null rather than NaN: a win rate without judgments, a
 * standard error with fewer than two, anything "excluding ties" (and the Wilson interval)
 * without a win or loss, a bootstrap interval for a group of fewer than two items,
 * agreement without a multiply-judged task, Krippendorff's alpha and Fleiss' kappa when a
 * single label is used, Cohen's kappa when the expected agreement is 1, Elo ratings when
 * the maximum-likelihood estimate does not exist. p-values are 1 when there is nothing to
 * test.
 *
 * <h2>Cost</h2> Judgments are aggregated once into per-item arrays; a bootstrap replicate
 * costs one draw per item, not per judgment. 1,000,000 judgments over 10,000 items with B
 * = 2000 take well under a second for two models on two cores; see
 * {@code ResultsBenchmarkTest}.
 */
package dev.pairwise.results.stats;
