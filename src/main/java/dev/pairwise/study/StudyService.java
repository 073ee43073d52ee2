package dev.pairwise.study;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSetSummary;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.study.StudyRepository.NewTask;
import dev.pairwise.study.StudyRepository.StudyRow;
import dev.pairwise.study.StudyValidationException.FieldProblem;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates studies with their tasks and attention checks, and moves them between states.
 */
@Service
class StudyService {

	static final int DEFAULT_RATINGS_PER_TASK = 3;

	static final int DEFAULT_LEASE_MINUTES = 20;

	/** A rater's median seconds per judgment below which they are flagged "too fast". */
	static final int DEFAULT_TOO_FAST_SECONDS = 5;

	private static final List<String> ATTENTION_KINDS = List.of("empty", "truncated", "off-topic");

	private final StudyRepository repository;

	private final EvalSets evalSets;

	private final TaskPool taskPool;

	private final RandomGenerator random = new SecureRandom();

	StudyService(StudyRepository repository, EvalSets evalSets, TaskPool taskPool) {
		this.repository = repository;
		this.evalSets = evalSets;
		this.taskPool = taskPool;
	}

	/**
	 * How many tasks a definition would make, without storing anything; for the form's
	 * preview.
	 */
	@Transactional(readOnly = true)
	TaskCount preview(StudyCommand command) {
		Plan plan = plan(command);
		int tasks = plan.pairs().stream().mapToInt((pair) -> pair.items().size()).sum();
		return new TaskCount(tasks, tasks * plan.row().ratingsPerTask(), attentionPoolSize(plan.row(), tasks));
	}

	@Transactional
	StudyCreated create(StudyCommand command) {
		Plan plan = plan(command);
		long studyId = this.repository.insert(plan.row());
		List<NewTask> tasks = new ArrayList<>();
		for (PairItems pair : plan.pairs()) {
			for (long itemId : pair.items()) {
				tasks.add(new NewTask(studyId, itemId, pair.modelA(), pair.modelB(), null, null, null,
						plan.row().ratingsPerTask(), this.random.nextInt(Integer.MAX_VALUE)));
			}
		}
		if (tasks.isEmpty()) {
			throw new StudyValidationException(List.of(new FieldProblem("models",
					"have no item in common: a task needs an output of both models for the same item")));
		}
		this.repository.insertTasks(tasks);
		List<NewTask> checks = attentionChecks(studyId, plan.row(), tasks);
		this.repository.insertTasks(checks);
		this.taskPool.recount(studyId);
		return new StudyCreated(studyId, tasks.size(), checks.size());
	}

	@Transactional
	void open(long studyId) {
		Study study = find(studyId);
		if (study.state() == Study.State.OPEN) {
			return;
		}
		this.repository.changeState(studyId, study.state(), Study.State.OPEN);
	}

	@Transactional
	void close(long studyId) {
		Study study = find(studyId);
		if (study.state() == Study.State.OPEN) {
			this.repository.changeState(studyId, Study.State.OPEN, Study.State.CLOSED);
		}
	}

	/** Deletes a draft study; one that was ever opened is kept (409), to be archived. */
	@Transactional
	void delete(long studyId) {
		Study study = find(studyId);
		if (study.state() == Study.State.DRAFT) {
			this.taskPool.forget(studyId);
			if (this.repository.deleteDraft(studyId)) {
				return;
			}
		}
		throw new ResponseStatusException(HttpStatus.CONFLICT, "Study " + studyId + " is " + find(studyId).state().id()
				+ ": only a draft study can be deleted, as an opened one may hold judgments. Close it and archive it instead.");
	}

	/** Hides a closed study from the lists, or shows it again; anything else is 409. */
	@Transactional
	void archive(long studyId, boolean archived) {
		Study study = find(studyId);
		if (!this.repository.archive(studyId, archived)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Study " + studyId + " is " + study.state().id()
					+ ": only a closed study can be archived or restored. Close it first.");
		}
	}

	Study find(long studyId) {
		return this.repository.find(studyId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + studyId));
	}

	private Plan plan(StudyCommand command) {
		List<FieldProblem> problems = new ArrayList<>();
		check("name", StudyRules.name(command.name()), problems);
		check("instructions", StudyRules.instructions(command.instructions()), problems);
		Optional<EvalSetSummary> evalSet = findEvalSet(command, problems);
		List<String> models = command.models();
		Map<String, Long> modelIds = this.repository.modelIds(models);
		if (models.size() < 2) {
			problems.add(new FieldProblem("models", "needs at least two models"));
		}
		else if (new HashSet<>(models).size() != models.size()) {
			problems.add(new FieldProblem("models", "names a model twice"));
		}
		for (String model : models) {
			if (!modelIds.containsKey(model)) {
				problems.add(new FieldProblem("models", "names '" + model + "', which has no outputs"));
			}
		}
		Study.Pairing pairing = (command.pairing() == null) ? Study.Pairing.ALL_PAIRS
				: Study.Pairing.of(command.pairing());
		if (pairing == null) {
			problems.add(new FieldProblem("pairing", "must be 'all-pairs' or 'baseline'"));
		}
		if (pairing == Study.Pairing.BASELINE && (command.baseline() == null || !models.contains(command.baseline()))) {
			problems.add(new FieldProblem("baseline", "must name one of the study's models"));
		}
		int k = (command.ratingsPerTask() != null) ? command.ratingsPerTask() : DEFAULT_RATINGS_PER_TASK;
		check("ratingsPerTask", StudyRules.ratingsPerTask(k), problems);
		Study.Scale scale = (command.scale() == null) ? Study.Scale.PREFERENCE : Study.Scale.of(command.scale());
		if (scale == null) {
			problems.add(new FieldProblem("scale", "must be 'preference' or 'graded'"));
		}
		double attention = (command.attentionCheckRate() != null) ? command.attentionCheckRate() : 0;
		check("attentionCheckRate", StudyRules.attentionCheckRate(attention), problems);
		int leaseMinutes = (command.leaseMinutes() != null) ? command.leaseMinutes() : DEFAULT_LEASE_MINUTES;
		check("leaseMinutes", StudyRules.leaseMinutes(leaseMinutes), problems);
		int tooFast = (command.tooFastSeconds() != null) ? command.tooFastSeconds() : DEFAULT_TOO_FAST_SECONDS;
		check("tooFastSeconds", StudyRules.tooFastSeconds(tooFast), problems);
		command.categories().forEach((category) -> check("categories", StudyRules.listedName(category), problems));
		command.settings().forEach((setting) -> check("settings", StudyRules.listedName(setting), problems));
		if (String.join("\n", command.categories()).length() > StudyRules.MAX_CATEGORIES) {
			problems.add(new FieldProblem("categories",
					"name more than " + StudyRules.MAX_CATEGORIES + " characters together"));
		}
		evalSet.ifPresent((set) -> {
			checkSubset("categories", command.categories(), set.categories().keySet(), problems);
			checkSubset("settings", command.settings(), set.settings().keySet(), problems);
		});
		problems.addAll(StudyRules.criteria(command.criteria(), command.overall()));
		if (!problems.isEmpty()) {
			throw new StudyValidationException(problems);
		}
		Long baselineId = (pairing == Study.Pairing.BASELINE) ? modelIds.get(command.baseline()) : null;
		StudyRow row = new StudyRow(command.name().trim(), evalSet.get().id(), pairing, baselineId,
				models.stream().map(modelIds::get).toList(), k, scale, command.categories(), command.settings(),
				attention, command.instructions(), Boolean.TRUE.equals(command.reasonRequired()),
				Boolean.TRUE.equals(command.allowEdit()), leaseMinutes * 60, Boolean.TRUE.equals(command.showSetting()),
				new StudyCriteria(command.criteria().stream().map(StudyService::trimmed).toList(),
						StudyCriteria.OverallAnswer.DERIVED.equals(command.overall())),
				tooFast);
		return new Plan(row, pairs(row, baselineId));
	}

	private static Criterion trimmed(Criterion criterion) {
		return new Criterion(criterion.id(), criterion.label().strip(), blankToNull(criterion.labelZh()),
				blankToNull(criterion.help()));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private List<PairItems> pairs(StudyRow row, Long baselineId) {
		List<Long> ids = row.modelIds();
		List<PairItems> pairs = new ArrayList<>();
		for (int a = 0; a < ids.size(); a++) {
			for (int b = a + 1; b < ids.size(); b++) {
				long modelA = ids.get(a);
				long modelB = ids.get(b);
				if (baselineId != null && modelA != baselineId && modelB != baselineId) {
					continue;
				}
				pairs.add(new PairItems(modelA, modelB, this.repository.itemsWithBothOutputs(row.evalSetId(),
						row.categories(), row.settings(), modelA, modelB)));
			}
		}
		return pairs;
	}

	private Optional<EvalSetSummary> findEvalSet(StudyCommand command, List<FieldProblem> problems) {
		if (command.evalSet() == null || command.evalSet().isBlank()) {
			problems.add(new FieldProblem("evalSet", "is required"));
			return Optional.empty();
		}
		Optional<EvalSetSummary> found = this.evalSets.find(command.evalSet(), command.evalSetVersion())
			.map(EvalSetRef::id)
			.flatMap(this.evalSets::find);
		if (found.isEmpty()) {
			problems.add(new FieldProblem("evalSet", "names '" + command.evalSet() + "', which does not exist"));
		}
		return found;
	}

	private static void check(String field, String problem, List<FieldProblem> problems) {
		if (problem != null) {
			problems.add(new FieldProblem(field, problem));
		}
	}

	private static void checkSubset(String field, List<String> chosen, Set<String> available,
			List<FieldProblem> problems) {
		for (String value : chosen) {
			if (!available.contains(value)) {
				problems.add(new FieldProblem(field, "names '" + value + "', which the eval set does not have"));
			}
		}
	}

	private static int attentionPoolSize(StudyRow row, int tasks) {
		if (row.attentionCheckRate() <= 0 || tasks == 0) {
			return 0;
		}
		return Math.min(tasks, Math.max(5, (int) Math.ceil(tasks * row.attentionCheckRate())));
	}

	/**
	 * Attention checks copy a real task and degrade one side (emptied, cut short, or
	 * replaced by the model's answer to another prompt), so the other side is plainly the
	 * right answer.
	 */
	private List<NewTask> attentionChecks(long studyId, StudyRow row, List<NewTask> tasks) {
		int size = attentionPoolSize(row, tasks.size());
		List<NewTask> checks = new ArrayList<>(size);
		List<NewTask> sources = new ArrayList<>(tasks);
		Collections.shuffle(sources, new Random(this.random.nextLong()));
		for (int i = 0; i < sources.size() && checks.size() < size; i++) {
			NewTask source = sources.get(i);
			boolean goodIsA = this.random.nextBoolean();
			String good = this.repository.outputText(source.itemId(), goodIsA ? source.modelA() : source.modelB());
			if (good.isBlank()) {
				// An empty output is a real answer but cannot be the right side of a
				// check.
				goodIsA = !goodIsA;
				good = this.repository.outputText(source.itemId(), goodIsA ? source.modelA() : source.modelB());
				if (good.isBlank()) {
					continue;
				}
			}
			long badModel = goodIsA ? source.modelB() : source.modelA();
			String kind = ATTENTION_KINDS.get(checks.size() % ATTENTION_KINDS.size());
			String degraded = switch (kind) {
				case "empty" -> "";
				case "truncated" -> truncate(good);
				default -> this.repository.otherItemsOutput(row.evalSetId(), source.itemId(), badModel, i).orElse("");
			};
			checks.add(new NewTask(studyId, source.itemId(), source.modelA(), source.modelB(), kind,
					goodIsA ? "a" : "b", degraded, 0, this.random.nextInt(Integer.MAX_VALUE)));
		}
		return checks;
	}

	private static String truncate(String text) {
		int cut = Math.max(1, Math.min(text.length() / 5, 120));
		int space = text.lastIndexOf(' ', cut);
		return text.substring(0, (space > 0) ? space : cut);
	}

	record TaskCount(int tasks, int judgmentsNeeded, int attentionChecks) {
	}

	/**
	 * Serializable: it reaches the next page as a flash attribute, through the session
	 * store.
	 */
	record StudyCreated(long id, int tasks, int attentionChecks) implements Serializable {
	}

	private record Plan(StudyRow row, List<PairItems> pairs) {
	}

	private record PairItems(long modelA, long modelB, List<Long> items) {
	}

}
