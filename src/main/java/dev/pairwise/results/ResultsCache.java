package dev.pairwise.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Computed results by query, least recently used dropped first. Concurrent requests for
 * the same query wait for one computation instead of repeating it. Eviction removes the
 * study's entries, including computations still running: whoever waits on one of those
 * still gets its answer, but it is never served again, so a result computed while a
 * judgment was being stored cannot outlive the eviction that followed that judgment.
 */
final class ResultsCache {

	/**
	 * Results of a large study with hundreds of raters hold tens of thousands of rater
	 * pairs (several MB); a handful of variants per study is what a page and its
	 * downloads ask for, and the bound keeps the cache well inside a 512 MB heap.
	 */
	private static final int MAX_ENTRIES = 16;

	private final Map<ResultsQuery, FutureTask<StudyResults>> entries = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<ResultsQuery, FutureTask<StudyResults>> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	StudyResults get(ResultsQuery query, Supplier<StudyResults> compute) {
		FutureTask<StudyResults> task;
		boolean mine = false;
		synchronized (this.entries) {
			task = this.entries.get(query);
			if (task == null) {
				task = new FutureTask<>(compute::get);
				this.entries.put(query, task);
				mine = true;
			}
		}
		if (mine) {
			task.run();
		}
		try {
			return task.get();
		}
		catch (ExecutionException ex) {
			forget(query, task);
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while results were computed");
		}
	}

	void evict(long studyId) {
		synchronized (this.entries) {
			this.entries.keySet().removeIf((query) -> query.studyId() == studyId);
		}
	}

	/** A failed computation (a bad source name, say) is not kept. */
	private void forget(ResultsQuery query, FutureTask<StudyResults> task) {
		synchronized (this.entries) {
			this.entries.remove(query, task);
		}
	}

}
