package dev.pairwise.results;

import java.time.Instant;
import java.util.List;

import dev.pairwise.exclusion.RaterStanding;
import dev.pairwise.results.StrengthSummary.PairStrength;
import dev.pairwise.results.stats.DisputedTask;
import dev.pairwise.results.stats.ModelRating;
import dev.pairwise.results.stats.MultiModelResult;
import dev.pairwise.results.stats.SourceAgreement;
import dev.pairwise.results.stats.StudyWideResult;
import dev.pairwise.results.stats.StyleControlledRanking;
import dev.pairwise.results.stats.TwoModelResult;
import dev.pairwise.results.stats.WinRate;

/**
 * A study's results as the API returns them and the page shows them.
 *
 * @param study what was analysed
 * @param ties {@code half} or {@code exclude}: the estimate the bootstrap intervals are
 * for
 * @param source the source filter, or null for all sources
 * @param focal the focal model X
 * @param bootstrap replicates of the item bootstrap
 * @param seed the bootstrap's seed (fixed, so results are reproducible)
 * @param judgments counted judgments analysed (attention checks never count)
 * @param sources every source of counted judgments in the study, whatever the filter
 * @param pairs one comparison per model pair of the study, pairs with the focal model
 * first, each seen from the model that comes first in the order (focal first, then the
 * study's order)
 * @param studyWide agreement, position bias and raters pooled over all pairs
 * @param ranking Bradley–Terry ranking and win matrix; null with two models
 * @param styleControlled the Bradley–Terry ranking with the responses' style (length,
 * headers, bold, list items) controlled for, as Chatbot Arena's style control; null with
 * two models
 * @param perSource each source's overall win rates, when the study has more than one
 * source and no filter is set
 * @param sourceAgreement agreement between every two sources on the tasks both judged
 * @param disputedTasks the tasks whose judgments disagree most, with those judgments
 * @param strength how much better the preferred response was, per pair and category, in a
 * graded study; null in a study that does not ask
 * @param excludedRaters the raters an admin excluded, with their reasons: none of their
 * judgments is in any figure above
 * @param computedAt when these figures were computed
 * @param computeMillis how long that took
 * @param criterion the criterion whose answers every figure above is computed from, or
 * null for the overall answers
 * @param criteria how often each of the study's criteria disagrees with the overall
 * choice; empty for a study without criteria
 */
record StudyResults(StudyInfo study, String ties, String source, String focal, int bootstrap, long seed, int judgments,
		List<SourceSummary> sources, List<TwoModelResult> pairs, StudyWideResult studyWide, MultiModelResult ranking,
		StyleControlledRanking styleControlled, List<SourceResults> perSource, List<SourcePair> sourceAgreement,
		List<Disputed> disputedTasks, List<PairStrength> strength, List<RaterStanding> excludedRaters,
		Instant computedAt, long computeMillis, String criterion, List<CriterionDisagreement> criteria) {

	/** Judgments of excluded raters, left out of every figure. */
	public int excludedJudgments() {
		return this.excludedRaters.stream().mapToInt(RaterStanding::judgments).sum();
	}

	/** The plain Bradley–Terry Elo of a model, shown beside its style-controlled one. */
	public Double plainElo(String model) {
		return (this.ranking == null) ? null
				: this.ranking.ratings()
					.stream()
					.filter((rating) -> rating.model().equals(model))
					.map(ModelRating::elo)
					.findFirst()
					.orElse(null);
	}

	public boolean hasJudgments() {
		return this.judgments > 0;
	}

	/** The pairs that involve the focal model, which the figure shows. */
	public List<TwoModelResult> focalPairs() {
		return this.pairs.stream().filter((pair) -> pair.focalModel().equals(this.focal)).toList();
	}

	record StudyInfo(long id, String name, String evalSet, List<String> models, String pairing, String baseline) {
	}

	record SourceSummary(String source, int judgments, int judges) {
	}

	record SourceResults(String source, int judgments, int judges, List<PairOverall> pairs) {
	}

	record PairOverall(String focalModel, String otherModel, WinRate overall) {
	}

	record SourcePair(String sourceA, String sourceB, SourceAgreement agreement) {
	}

	record Disputed(DisputedTask task, List<TaskJudgment> judgments) {
	}

}
