package dev.pairwise.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.pairwise.rating.Winner;
import dev.pairwise.results.ResultsRepository.ItemInfo;
import dev.pairwise.results.ResultsRepository.JudgmentRow;
import dev.pairwise.results.ResultsRepository.SourceCount;
import dev.pairwise.results.stats.Judgment;
import dev.pairwise.results.stats.JudgmentTable;
import dev.pairwise.results.stats.Outcome;
import dev.pairwise.study.Study;

/**
 * A study's counted judgments, of every source, held in memory between computations of
 * its results and brought up to date judgment by judgment: after a rater's judgment the
 * next computation reads that one row instead of the study's million. Rows are kept in id
 * order, as a fresh read gives them, so the same judgments give the same results however
 * they arrived. Each row gets its item's category and setting and its outputs' lengths.
 * <p>
 * Changes are noted as they are announced ({@link #changed}) and read at the start of the
 * next computation. A change announced while the first full read runs is read again after
 * it; storing a row twice only replaces it.
 */
final class StudyJudgments {

	/**
	 * Bytes a row takes: the table's columns, its id, its source and its row in the
	 * table.
	 */
	private static final int BYTES_PER_ROW = 50;

	/**
	 * Changed judgments noted before the study is read whole again instead: a campaign
	 * that goes on while nobody looks at the results would otherwise pile up ids without
	 * bound, and this many are already a hundred queries by id.
	 */
	private static final int MAX_PENDING = 100_000;

	private final long studyId;

	/** The criterion whose answers these are, or null for the overall answers. */
	private final String criterion;

	private final ResultsRepository repository;

	private final Map<Long, String> models;

	private final Map<Long, ItemInfo> items;

	private final Map<Long, Map<Long, Integer>> lengths;

	private final Map<String, Long> itemIds = new HashMap<>();

	private final Map<String, Long> modelIds = new HashMap<>();

	/** Tagged with their source's number. */
	private final HeldRows rows = new HeldRows();

	/** Read by the cache without waiting for a computation. */
	private volatile long bytes;

	/** Sources numbered in order of first appearance. */
	private final List<String> sourceNames = new ArrayList<>();

	/** Judgments by judge, per source number. */
	private final List<Map<String, Integer>> judgmentsByJudge = new ArrayList<>();

	private final Set<Long> pending = new HashSet<>();

	private boolean read;

	StudyJudgments(Study study, String criterion, ResultsRepository repository) {
		this.studyId = study.id();
		this.criterion = criterion;
		this.repository = repository;
		this.models = repository.studyModels(study.id());
		this.items = repository.items(study.evalSetId());
		this.lengths = repository.outputLengths(this.models.keySet());
		this.models.forEach((id, name) -> this.modelIds.put(name, id));
		this.items.forEach((id, item) -> this.itemIds.put(item.key(), id));
		this.bytes = (long) this.rows.capacity() * BYTES_PER_ROW;
	}

	/**
	 * Notes judgments stored or changed since; they are read at the start of the next
	 * computation.
	 * @return false once more have changed than are worth reading one by one, when the
	 * study is better read again whole (and its pending ids no longer held in memory)
	 */
	boolean changed(Collection<Long> judgmentIds) {
		synchronized (this.pending) {
			this.pending.addAll(judgmentIds);
			return this.pending.size() <= MAX_PENDING;
		}
	}

	/**
	 * Whether the models' outputs are those whose lengths this holds: outputs are only
	 * ever added, so the same number means the same outputs.
	 */
	boolean outputsUnchanged() {
		Map<Long, Integer> counts = this.repository.outputCounts(this.models.keySet());
		return this.lengths.entrySet()
			.stream()
			.allMatch((model) -> model.getValue().size() == counts.getOrDefault(model.getKey(), 0));
	}

	/** Estimated memory taken, for the cache's budget. */
	long bytes() {
		return this.bytes;
	}

	/**
	 * The judgments up to date, of the chosen source (all when null); when no source is
	 * chosen and there are several, each source's judgments are split off into a table of
	 * its own.
	 */
	synchronized Tables tables(String source) {
		if (!this.read) {
			this.repository.forEachJudgment(this.studyId, this.criterion, this::put);
			this.read = true;
		}
		Set<Long> changed;
		synchronized (this.pending) {
			changed = new HashSet<>(this.pending);
			this.pending.clear();
		}
		try {
			if (!changed.isEmpty()) {
				this.repository.forEachJudgment(this.studyId, this.criterion, changed, this::put);
			}
		}
		catch (RuntimeException ex) {
			changed(changed);
			throw ex;
		}
		List<SourceCount> counts = new ArrayList<>();
		for (int number = 0; number < this.sourceNames.size(); number++) {
			Map<String, Integer> judges = this.judgmentsByJudge.get(number);
			counts.add(new SourceCount(this.sourceNames.get(number),
					judges.values().stream().mapToInt(Integer::intValue).sum(), judges.size()));
		}
		counts.sort(Comparator.comparingInt(SourceCount::judgments).reversed().thenComparing(SourceCount::source));
		JudgmentTable all = this.rows
			.table((source != null) ? rowsOf(source) : IntStream.range(0, this.rows.size()).toArray());
		Map<String, JudgmentTable> bySource = new LinkedHashMap<>();
		if (source == null && counts.size() > 1) {
			for (SourceCount count : counts) {
				bySource.put(count.source(), this.rows.table(rowsOf(count.source())));
			}
		}
		return new Tables(all, counts, bySource, this.itemIds, this.modelIds);
	}

	/** Stores a row, replacing the row of the same id if there is one. */
	private void put(JudgmentRow row) {
		int source = sourceNumber(row.source());
		if (this.rows.put(row.id(), source, judgment(row))) {
			this.judgmentsByJudge.get(source).merge(row.judge(), 1, Integer::sum);
		}
		this.bytes = (long) (this.rows.capacity() + this.rows.storedRows() - this.rows.size()) * BYTES_PER_ROW;
	}

	private int sourceNumber(String source) {
		int number = this.sourceNames.indexOf(source);
		if (number < 0) {
			number = this.sourceNames.size();
			this.sourceNames.add(source);
			this.judgmentsByJudge.add(new HashMap<>());
		}
		return number;
	}

	private int[] rowsOf(String source) {
		int number = this.sourceNames.indexOf(source);
		return IntStream.range(0, this.rows.size()).filter((place) -> this.rows.tag(place) == number).toArray();
	}

	private Judgment judgment(JudgmentRow row) {
		ItemInfo item = this.items.get(row.itemId());
		return new Judgment(item.key(), item.category(), item.setting(), this.models.get(row.modelA()),
				this.models.get(row.modelB()), outcome(row.winner()), row.judge(), row.leftIsA(),
				this.lengths.get(row.modelA()).getOrDefault(row.itemId(), -1),
				this.lengths.get(row.modelB()).getOrDefault(row.itemId(), -1), row.failA(), row.failB(),
				row.elapsedMs());
	}

	/** The statistics' name of a stored answer. */
	private static Outcome outcome(Winner winner) {
		return switch (winner) {
			case MODEL_A -> Outcome.A;
			case MODEL_B -> Outcome.B;
			case TIE -> Outcome.TIE;
			case BOTH_BAD -> Outcome.BOTH_BAD;
		};
	}

	/**
	 * The judgments of a computation, with every source counted, and the database ids of
	 * the items and models by name.
	 */
	record Tables(JudgmentTable all, List<SourceCount> sources, Map<String, JudgmentTable> bySource,
			Map<String, Long> itemIds, Map<String, Long> modelIds) {
	}

}
