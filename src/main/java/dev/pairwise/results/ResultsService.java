package dev.pairwise.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.exclusion.RaterExclusions;
import dev.pairwise.rating.JudgmentsChanged;
import dev.pairwise.results.ResultsRepository.SourceCount;
import dev.pairwise.results.StrengthSummary.PairStrength;
import dev.pairwise.results.StudyResults.Disputed;
import dev.pairwise.results.StudyResults.PairOverall;
import dev.pairwise.results.StudyResults.SourcePair;
import dev.pairwise.results.StudyResults.SourceResults;
import dev.pairwise.results.StudyResults.SourceSummary;
import dev.pairwise.results.StudyResults.StudyInfo;
import dev.pairwise.results.StudyJudgments.Tables;
import dev.pairwise.results.stats.AttentionScore;
import dev.pairwise.results.stats.Bootstrap;
import dev.pairwise.results.stats.DisputedTask;
import dev.pairwise.results.stats.Judgment;
import dev.pairwise.results.stats.JudgmentTable;
import dev.pairwise.results.stats.MultiModelResult;
import dev.pairwise.results.stats.PairwiseStatistics;
import dev.pairwise.results.stats.StudyWideResult;
import dev.pairwise.results.stats.StyleControlledBradleyTerry;
import dev.pairwise.results.stats.StyleControlledBradleyTerry.Comparison;
import dev.pairwise.results.stats.StyleControlledRanking;
import dev.pairwise.results.stats.StyleFeatures;
import dev.pairwise.results.stats.TiePolicy;
import dev.pairwise.results.stats.TwoModelResult;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import dev.pairwise.study.StudyCriteria;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.server.ResponseStatusException;

/**
 * Computes a study's results from its counted judgments and keeps them until a judgment
 * of the study changes. Attention-check judgments are never counted; they only score the
 * raters.
 */
@Service
class ResultsService {

	/** Fixed, so that the same judgments always give the same intervals. */
	static final long SEED = 20261123L;

	static final int MAX_BOOTSTRAP = 20_000;

	static final int DISPUTED_TASKS = 10;

	private static final Logger log = LoggerFactory.getLogger(ResultsService.class);

	private final Studies studies;

	private final ResultsRepository repository;

	private final ResultsCache cache = new ResultsCache();

	private final StudyJudgmentsCache judgments;

	private final RaterExclusions exclusions;

	private final StrengthSummary strength;

	private final EvalSets evalSets;

	ResultsService(Studies studies, ResultsRepository repository, RaterExclusions exclusions, StrengthSummary strength,
			EvalSets evalSets) {
		this.studies = studies;
		this.evalSets = evalSets;
		this.strength = strength;
		this.exclusions = exclusions;
		this.repository = repository;
		this.judgments = new StudyJudgmentsCache(repository, Runtime.getRuntime().maxMemory() / 3);
	}

	Study study(long studyId) {
		return this.studies.find(studyId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + studyId));
	}

	StudyCriteria criteria(Study study) {
		return this.studies.criteria(study.id());
	}

	/**
	 * Checks and completes a caller's query: the focal model defaults to the study's
	 * first.
	 */
	ResultsQuery query(Study study, String ties, String source, String focal, Integer bootstrap, String criterion) {
		TiePolicy policy;
		if (ties == null || ties.isBlank() || ties.equals("half")) {
			policy = TiePolicy.HALF;
		}
		else if (ties.equals("exclude")) {
			policy = TiePolicy.EXCLUDE;
		}
		else {
			throw badRequest("ties must be 'half' or 'exclude'");
		}
		String focalModel = (focal == null || focal.isBlank()) ? study.models().get(0) : focal;
		if (!study.models().contains(focalModel)) {
			throw badRequest("focal must be one of the study's models: " + String.join(", ", study.models()));
		}
		int replicates = (bootstrap != null) ? bootstrap : Bootstrap.DEFAULT_REPLICATES;
		if (replicates < 0 || replicates > MAX_BOOTSTRAP) {
			throw badRequest("bootstrap must be between 0 and " + MAX_BOOTSTRAP);
		}
		String sourceFilter = (source == null || source.isBlank()) ? null : source;
		String criterionFilter = (criterion == null || criterion.isBlank()) ? null : criterion;
		StudyCriteria criteria = this.studies.criteria(study.id());
		if (criterionFilter != null && criteria.find(criterionFilter).isEmpty()) {
			throw badRequest(criteria.isEmpty() ? "criterion: this study has no criteria"
					: "criterion must be one of the study's criteria: " + String.join(", ", criteria.ids()));
		}
		return new ResultsQuery(study.id(), policy, sourceFilter, focalModel, replicates, criterionFilter);
	}

	StudyResults results(Study study, ResultsQuery query) {
		return this.cache.get(query, () -> compute(study, query));
	}

	/**
	 * Drops the cached results of the study once a change of its judgments has committed,
	 * here or, through {@link JudgmentsChangedAcrossInstances}, on another instance. The
	 * held judgments hear of the change first, so that a computation started after the
	 * eviction reads it.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onJudgmentsChanged(JudgmentsChanged event) {
		this.judgments.changed(event);
		this.cache.evict(event.studyId());
	}

	/**
	 * Computes the results an admin sees first for each open study with judgments, in the
	 * background once the app is ready: the first computation after a restart reads every
	 * judgment of the study, seconds for a million, which the first admin to open the
	 * results would otherwise wait for. The newest study is computed last, so it is the
	 * last one dropped when the held judgments outgrow their budget.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void computeOpenStudiesAfterStart() {
		Thread thread = new Thread(this::computeOpenStudies, "results-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	private void computeOpenStudies() {
		List<Study> open = this.studies.list()
			.stream()
			.filter(Study::isOpen)
			.sorted(Comparator.comparingLong(Study::id))
			.toList();
		for (Study study : open) {
			try {
				if (this.repository.hasCountedJudgments(study.id())) {
					results(study, query(study, null, null, null, null, null));
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not compute the results of study {} after start-up: {}", study.id(), ex.getMessage());
			}
		}
	}

	StudyResults compute(Study study, ResultsQuery query) {
		long start = System.nanoTime();
		Tables tables = this.judgments.of(study, query.criterion()).tables(query.source());
		this.judgments.trim();
		List<SourceCount> sources = tables.sources();
		if (query.source() != null && sources.stream().noneMatch((count) -> count.source().equals(query.source()))) {
			throw badRequest("the study has no judgments from source '" + query.source() + "'; its sources are: "
					+ String.join(", ", sources.stream().map(SourceCount::source).toList()));
		}
		List<String> order = order(study, query.focal());
		boolean splitSources = !tables.bySource().isEmpty();
		long loaded = System.nanoTime();
		JudgmentTable table = tables.all();
		Map<String, AttentionScore> attention = (query.source() == null || query.source().equals("raters"))
				? this.repository.attentionScores(study.id()) : Map.of();
		Bootstrap bootstrap = new Bootstrap(query.bootstrap(), SEED);

		List<String[]> pairs = pairs(study, order);
		List<String> categoryOrder = this.evalSets.categoryOrder(study.evalSetId());
		List<String> settingOrder = this.repository.groupOrder(study.evalSetId(), "setting");
		List<TwoModelResult> comparisons = new ArrayList<>(pairs.size());
		for (String[] pair : pairs) {
			comparisons.add(PairwiseStatistics
				.compare(table, pair[0], pair[1], query.ties(), bootstrap, attention, study.tooFastSeconds())
				.inGroupOrder(categoryOrder, settingOrder));
		}
		long compared = System.nanoTime();
		MultiModelResult ranking = (study.models().size() > 2) ? PairwiseStatistics.rank(table, bootstrap) : null;
		StyleControlledRanking styleControlled = (ranking != null) ? styleControlled(tables, bootstrap) : null;
		long ranked = System.nanoTime();
		StudyWideResult studyWide = PairwiseStatistics.studyWide(table, order, attention, study.tooFastSeconds());
		long pooled = System.nanoTime();

		List<SourceResults> perSource = new ArrayList<>();
		List<SourcePair> sourceAgreement = new ArrayList<>();
		if (splitSources) {
			for (SourceCount source : sources) {
				JudgmentTable sourceTable = tables.bySource().get(source.source());
				List<PairOverall> overall = new ArrayList<>();
				for (String[] pair : pairs) {
					overall.add(new PairOverall(pair[0], pair[1],
							PairwiseStatistics.overall(sourceTable, pair[0], pair[1], query.ties(), bootstrap)));
				}
				perSource.add(new SourceResults(source.source(), source.judgments(), source.judges(), overall));
			}
			for (int a = 0; a < sources.size(); a++) {
				for (int b = a + 1; b < sources.size(); b++) {
					String first = sources.get(a).source();
					String second = sources.get(b).source();
					sourceAgreement.add(new SourcePair(first, second, PairwiseStatistics
						.agreementBetween(tables.bySource().get(first), tables.bySource().get(second), order)));
				}
			}
		}

		List<Disputed> disputed = new ArrayList<>();
		for (DisputedTask task : PairwiseStatistics.mostDisputed(table, order, DISPUTED_TASKS)) {
			disputed.add(new Disputed(task,
					this.repository.taskJudgments(study.id(), tables.itemIds().get(task.itemId()),
							tables.modelIds().get(task.firstModel()), tables.modelIds().get(task.secondModel()),
							query.source(), query.criterion())));
		}

		List<PairStrength> strength = (study.scale() == Study.Scale.GRADED)
				? this.strength.of(study.id(), pairs, categoryOrder, query.source()) : null;

		long done = System.nanoTime();
		log.info(
				"Results of study {} ({} judgments, B = {}) in {} ms: loading {} ms, pairs {} ms, ranking {} ms,"
						+ " study-wide {} ms, rest {} ms",
				study.id(), table.size(), query.bootstrap(), millis(start, done), millis(start, loaded),
				millis(loaded, compared), millis(compared, ranked), millis(ranked, pooled), millis(pooled, done));
		StudyInfo info = new StudyInfo(study.id(), study.name(), study.evalSetLabel(), study.models(),
				study.pairing().id(), study.baselineModel());
		return new StudyResults(info, query.ties().name().toLowerCase(), query.source(), query.focal(),
				query.bootstrap(), SEED, table.size(),
				sources.stream().map((s) -> new SourceSummary(s.source(), s.judgments(), s.judges())).toList(),
				comparisons, studyWide, ranking, styleControlled, perSource, sourceAgreement, disputed, strength,
				this.exclusions.excluded(study.id()), Instant.now(), millis(start, done), query.criterion(),
				CriterionDisagreement.of(this.studies.criteria(study.id()),
						this.repository.criterionDisagreements(study.id(), query.source())));
	}

	/**
	 * The ranking with the style of the responses controlled for, over the judgments
	 * whose two outputs are both in the study.
	 */
	private StyleControlledRanking styleControlled(Tables tables, Bootstrap bootstrap) {
		Map<Long, Map<Long, StyleFeatures>> styles = this.repository.outputStyles(tables.modelIds().values());
		JudgmentTable table = tables.all();
		List<Comparison> comparisons = new ArrayList<>(table.size());
		for (int row = 0; row < table.size(); row++) {
			Judgment judgment = table.judgment(row);
			Long itemId = tables.itemIds().get(judgment.itemId());
			StyleFeatures a = styles.getOrDefault(tables.modelIds().get(judgment.modelA()), Map.of()).get(itemId);
			StyleFeatures b = styles.getOrDefault(tables.modelIds().get(judgment.modelB()), Map.of()).get(itemId);
			if (a != null && b != null) {
				comparisons.add(new Comparison(judgment.itemId(), judgment.modelA(), judgment.modelB(),
						judgment.outcome(), a, b));
			}
		}
		return StyleControlledBradleyTerry.fit(comparisons, bootstrap);
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

	/** The focal model, then the study's other models in the study's order. */
	static List<String> order(Study study, String focal) {
		List<String> order = new ArrayList<>();
		order.add(focal);
		for (String model : study.models()) {
			if (!model.equals(focal)) {
				order.add(model);
			}
		}
		return order;
	}

	/**
	 * The study's model pairs (all pairs, or each model against the baseline), each
	 * oriented by {@code order}, so the focal model's pairs come first.
	 */
	static List<String[]> pairs(Study study, List<String> order) {
		List<String[]> pairs = new ArrayList<>();
		for (int a = 0; a < order.size(); a++) {
			for (int b = a + 1; b < order.size(); b++) {
				if (study.pairing() == Study.Pairing.ALL_PAIRS || order.get(a).equals(study.baselineModel())
						|| order.get(b).equals(study.baselineModel())) {
					pairs.add(new String[] { order.get(a), order.get(b) });
				}
			}
		}
		return pairs;
	}

	private static ResponseStatusException badRequest(String message) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
	}

}
