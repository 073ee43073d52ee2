package dev.pairwise.results;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pairwise.rating.JudgmentsChanged;
import dev.pairwise.study.Study;

/**
 * The studies' judgments held in memory, least recently used dropped first once they take
 * more than a third of the heap: a million judgments take about 50 MB, so a 512 MB heap
 * keeps the two or three largest studies while their results are being watched.
 */
final class StudyJudgmentsCache {

	/** By study and criterion: each criterion's answers are held apart. */
	private final Map<Held, StudyJudgments> studies = new LinkedHashMap<>(16, 0.75f, true);

	private final ResultsRepository repository;

	private final long budgetBytes;

	StudyJudgmentsCache(ResultsRepository repository, long budgetBytes) {
		this.repository = repository;
		this.budgetBytes = budgetBytes;
	}

	/**
	 * The study's judgments as held, or a new holder to be filled by its first
	 * computation, kept from now on so that it hears of changes during that read.
	 */
	StudyJudgments of(Study study, String criterion) {
		Held key = new Held(study.id(), criterion);
		StudyJudgments held;
		synchronized (this.studies) {
			held = this.studies.get(key);
		}
		if (held != null && held.outputsUnchanged()) {
			return held;
		}
		StudyJudgments fresh = new StudyJudgments(study, criterion, this.repository);
		synchronized (this.studies) {
			StudyJudgments now = this.studies.get(key);
			if (now != null && now != held) {
				return now;
			}
			this.studies.put(key, fresh);
		}
		return fresh;
	}

	/**
	 * Passes the change on, or forgets the study when it is not known what changed or
	 * when so much changed that reading it whole again is the better way.
	 */
	void changed(JudgmentsChanged event) {
		synchronized (this.studies) {
			this.studies.entrySet()
				.removeIf((entry) -> entry.getKey().studyId() == event.studyId()
						&& (event.isWholeStudy() || !entry.getValue().changed(event.judgmentIds())));
		}
	}

	/** Drops the least recently used studies until the rest fit the budget. */
	void trim() {
		synchronized (this.studies) {
			long bytes = this.studies.values().stream().mapToLong(StudyJudgments::bytes).sum();
			Iterator<StudyJudgments> eldestFirst = this.studies.values().iterator();
			while (bytes > this.budgetBytes && eldestFirst.hasNext()) {
				bytes -= eldestFirst.next().bytes();
				eldestFirst.remove();
			}
		}
	}

	private record Held(long studyId, String criterion) {
	}

}
