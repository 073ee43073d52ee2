package dev.pairwise.planning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pairwise.evalset.EvalSetSummary;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.planning.PlanRejected.FieldProblem;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks a plan request, finds the item counts (and, for an existing study, its pilot
 * correlation) and applies {@link PowerPlan}.
 */
@Service
class Planner {

	/**
	 * ρ when neither the caller nor a pilot gives one. With a win rate near ½, the share
	 * of agreeing rater pairs on an item is ½ + ρ/2; MT-Bench's expert human-human
	 * agreement with ties (about 63–66%) gives ρ ≈ 0.26–0.32, rounded to 0.3.
	 */
	static final double DEFAULT_CORRELATION = 0.3;

	static final int DEFAULT_RATINGS_PER_TASK = 3;

	private final PlanningRepository repository;

	private final EvalSets evalSets;

	private final Studies studies;

	Planner(PlanningRepository repository, EvalSets evalSets, Studies studies) {
		this.repository = repository;
		this.evalSets = evalSets;
		this.studies = studies;
	}

	/** A plan for a study not created yet, with ρ as given or the default. */
	Plan plan(PlanRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		EvalSetSummary set = null;
		if (request.evalSet() == null || request.evalSet().isBlank()) {
			problems.add(new FieldProblem("evalSet", "is required"));
		}
		else {
			set = this.evalSets.find(request.evalSet(), request.evalSetVersion())
				.flatMap((ref) -> this.evalSets.find(ref.id()))
				.orElse(null);
			if (set == null) {
				problems.add(new FieldProblem("evalSet", "names no loaded eval set: '" + request.evalSet() + "'"
						+ ((request.evalSetVersion() != null) ? " version '" + request.evalSetVersion() + "'" : "")));
			}
		}
		List<String> models = request.models();
		if (models.size() < 2) {
			problems.add(new FieldProblem("models", "needs at least two models"));
		}
		else if (new HashSet<>(models).size() != models.size()) {
			problems.add(new FieldProblem("models", "names a model twice"));
		}
		else if (set != null) {
			Set<String> known = this.repository.modelsWithOutputs(set.id(), models);
			models.stream()
				.filter((model) -> !known.contains(model))
				.forEach((model) -> problems
					.add(new FieldProblem("models", "names '" + model + "', which has no outputs for this eval set")));
		}
		if (set != null) {
			checkSubset("categories", request.categories(), set.categories().keySet(), problems);
			checkSubset("settings", request.settings(), set.settings().keySet(), problems);
		}
		Assumptions assumptions = assumptions(request, problems);
		reject(problems);
		Correlation correlation = (request.intraItemCorrelation() != null)
				? new Correlation(request.intraItemCorrelation(), "request", null)
				: new Correlation(DEFAULT_CORRELATION, "default", null);
		return compute(set, models, request.categories(), request.settings(), assumptions, correlation);
	}

	/**
	 * A plan for an existing study: its eval set, models, categories and settings; k as
	 * asked or the study's own; ρ as asked, else from its pilot judgments when there are
	 * enough, else the default.
	 */
	Plan planFor(long studyId, PlanRequest request) {
		Study study = this.studies.find(studyId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + studyId));
		PlanRequest withStudysK = (request.ratingsPerTask() != null) ? request
				: new PlanRequest(null, null, null, study.ratingsPerTask(), request.assumedWinRate(),
						request.assumedEffect(), request.targetHalfWidth(), request.intraItemCorrelation(),
						request.tieRate(), null, null);
		List<FieldProblem> problems = new ArrayList<>();
		Assumptions assumptions = assumptions(withStudysK, problems);
		reject(problems);
		List<double[]> pilot = this.repository.pilotScoresByTask(studyId);
		int pilotTasks = (int) pilot.stream().filter((scores) -> scores.length >= 2).count();
		Double estimated = IntraItemCorrelation.estimate(pilot);
		Correlation correlation = (request.intraItemCorrelation() != null)
				? new Correlation(request.intraItemCorrelation(), "request", pilotTasks)
				: (estimated != null) ? new Correlation(estimated, "pilot", pilotTasks)
						: new Correlation(DEFAULT_CORRELATION, "default", pilotTasks);
		EvalSetSummary set = this.evalSets.find(study.evalSetId()).orElseThrow();
		return compute(set, study.models(), study.categories(), study.settings(), assumptions, correlation);
	}

	private Plan compute(EvalSetSummary set, List<String> models, List<String> categories, List<String> settings,
			Assumptions assumptions, Correlation correlation) {
		Map<String, Integer> counts = this.repository.itemsByCategory(set.id(), models, categories, settings);
		int total = counts.values().stream().mapToInt(Integer::intValue).sum();
		if (total == 0) {
			reject(List.of(new FieldProblem("models",
					"have no item in common within the chosen categories and settings: a task needs an output of every model")));
		}
		double variance = PowerPlan.scoreVariance(assumptions.winRate(), assumptions.tieRate());
		List<PowerEstimate> byCategory = set.categories()
			.keySet()
			.stream()
			.filter(counts::containsKey)
			.map((category) -> estimate(category, counts.get(category), assumptions, variance, correlation.value()))
			.toList();
		return new Plan(set.name() + " " + set.version(), models, assumptions.k(), assumptions.winRate(),
				assumptions.tieRate(), "half", correlation.value(), correlation.from(), correlation.pilotTasks(),
				assumptions.target(), estimate(null, total, assumptions, variance, correlation.value()), byCategory);
	}

	private static PowerEstimate estimate(String category, int items, Assumptions assumptions, double variance,
			double correlation) {
		int k = assumptions.k();
		return new PowerEstimate(category, items, items * k, PowerPlan.designEffect(k, correlation),
				PowerPlan.halfWidth(items, k, variance, correlation),
				PowerPlan.floorHalfWidth(items, variance, correlation), (assumptions.target() != null)
						? PowerPlan.ratingsPerTaskNeeded(items, variance, correlation, assumptions.target()) : null);
	}

	private static Assumptions assumptions(PlanRequest request, List<FieldProblem> problems) {
		int k = (request.ratingsPerTask() != null) ? request.ratingsPerTask() : DEFAULT_RATINGS_PER_TASK;
		if (k < 1 || k > PowerPlan.MAX_K) {
			problems.add(new FieldProblem("ratingsPerTask", "must be between 1 and " + PowerPlan.MAX_K));
		}
		Double winRate = null;
		if ((request.assumedWinRate() == null) == (request.assumedEffect() == null)) {
			problems.add(new FieldProblem("assumedWinRate",
					"or assumedEffect is required, not both: the focal model's true win rate (ties half), or its distance from 0.5"));
		}
		else if (request.assumedWinRate() != null) {
			winRate = request.assumedWinRate();
			if (!(winRate > 0 && winRate < 1)) {
				problems.add(new FieldProblem("assumedWinRate", "must be between 0 and 1, both excluded"));
			}
		}
		else {
			winRate = 0.5 + request.assumedEffect();
			if (!(request.assumedEffect() > -0.5 && request.assumedEffect() < 0.5)) {
				problems.add(new FieldProblem("assumedEffect", "must be between -0.5 and 0.5, both excluded"));
			}
		}
		Double target = request.targetHalfWidth();
		if (target != null && !(target > 0 && target <= 0.5)) {
			problems.add(new FieldProblem("targetHalfWidth", "must be above 0 and at most 0.5"));
		}
		Double correlation = request.intraItemCorrelation();
		if (correlation != null && !(correlation >= 0 && correlation <= 1)) {
			problems.add(new FieldProblem("intraItemCorrelation", "must be between 0 and 1"));
		}
		double tieRate = (request.tieRate() != null) ? request.tieRate() : 0;
		if (!(tieRate >= 0 && tieRate < 1)) {
			problems.add(new FieldProblem("tieRate", "must be at least 0 and below 1"));
		}
		else if (winRate != null && tieRate / 2 > Math.min(winRate, 1 - winRate)) {
			problems.add(new FieldProblem("tieRate", "is too high for the assumed win rate: half the ties count toward "
					+ "it, so the tie rate can be at most twice the smaller of the win rate and 1 − the win rate"));
		}
		return new Assumptions(k, (winRate != null) ? winRate : 0.5, tieRate, target);
	}

	private static void checkSubset(String field, List<String> chosen, Set<String> known, List<FieldProblem> problems) {
		chosen.stream()
			.filter((name) -> !known.contains(name))
			.forEach((name) -> problems
				.add(new FieldProblem(field, "names '" + name + "', which the eval set does not have")));
	}

	private static void reject(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw new PlanRejected(problems);
		}
	}

	private record Assumptions(int k, double winRate, double tieRate, Double target) {
	}

	private record Correlation(double value, String from, Integer pilotTasks) {
	}

}
