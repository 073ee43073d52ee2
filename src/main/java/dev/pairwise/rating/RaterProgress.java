package dev.pairwise.rating;

import dev.pairwise.study.Rater;
import dev.pairwise.study.TaskPool;

import org.springframework.stereotype.Component;

/**
 * What a rater's progress shows: the judgments they have done, and how many they could
 * reach (done, plus the open tasks not closed to them, plus the one they hold; at most
 * their quota).
 */
@Component
class RaterProgress {

	private final RatingRepository repository;

	private final TaskPool taskPool;

	RaterProgress(RatingRepository repository, TaskPool taskPool) {
		this.repository = repository;
		this.taskPool = taskPool;
	}

	/**
	 * Progress for a page that shows no task (welcome, done, an answer's receipt): a real
	 * task the rater holds still counts, or the welcome page would show one fewer than
	 * the task page.
	 */
	TaskView.Progress of(RaterSession session) {
		boolean holdsRealTask = this.repository.currentLease(session.rater().id())
			.filter((lease) -> !lease.attention())
			.isPresent();
		return of(session, done(session.rater()), holdsRealTask);
	}

	TaskView.Progress of(RaterSession session, int done, boolean holdsRealTask) {
		int openToThem = Math.max(0,
				this.taskPool.openTasks(session.study().id()) - this.repository.countOpenHeldBy(session.rater().id()));
		int possible = done + openToThem + (holdsRealTask ? 1 : 0);
		Integer quota = session.rater().quota();
		return new TaskView.Progress(done, (quota != null) ? Math.min(quota, possible) : possible);
	}

	/** The rater's judgments of real tasks. */
	int done(Rater rater) {
		return this.repository.countRealJudgments(rater.id());
	}

	boolean quotaReached(Rater rater) {
		return quotaReached(rater, done(rater));
	}

	static boolean quotaReached(Rater rater, int done) {
		return rater.quota() != null && done >= rater.quota();
	}

}
