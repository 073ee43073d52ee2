package dev.pairwise.rating;

import dev.pairwise.study.Rater;
import dev.pairwise.study.TaskPool;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the rater is told about their own progress, and when their quota is reached. An
 * attention check counts exactly like a real task here (it advances the counter and the
 * page title, and fills the quota), or the rater could tell checks apart; results still
 * leave them out.
 * <p>
 * The target is the rater's own: their quota when they have one; otherwise the work open
 * to them when they first asked, plus the attention checks they can expect, kept from
 * then on (table {@code rater_target}) so that it does not shrink while other raters
 * finish the pool (the end page says so instead). Only the rater's own skips lower it: a
 * skipped task is one they will not be given again.
 */
@Component
class RaterProgress {

	private final JdbcClient jdbc;

	private final RatingRepository repository;

	private final TaskPool taskPool;

	RaterProgress(JdbcClient jdbc, RatingRepository repository, TaskPool taskPool) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.taskPool = taskPool;
	}

	/**
	 * Progress for a page that shows no task (welcome, done, an answer's receipt): a task
	 * the rater holds still counts, or the welcome page would show one fewer than the
	 * task page.
	 */
	TaskView.Progress of(RaterSession session) {
		return of(session, done(session.rater()), holdsTask(session));
	}

	TaskView.Progress of(RaterSession session, int done, boolean holdsTask) {
		Integer quota = session.rater().quota();
		if (quota != null) {
			return new TaskView.Progress(done, quota);
		}
		long raterId = session.rater().id();
		return of(session, done, holdsTask, skipped(raterId), keptTarget(raterId));
	}

	/**
	 * Progress from what the caller read already: the rater's skips and the target kept
	 * for them (null before one is).
	 */
	TaskView.Progress of(RaterSession session, int done, boolean holdsTask, int skipped, Integer keptTarget) {
		Integer quota = session.rater().quota();
		if (quota != null) {
			return new TaskView.Progress(done, quota);
		}
		long raterId = session.rater().id();
		Integer kept = keptTarget;
		if (kept == null) {
			int remaining = remaining(session, holdsTask);
			// Stored with the skips so far added back, so that later skips alone lower
			// it.
			kept = keep(raterId, done + remaining + expectedChecks(session, remaining) + skipped);
		}
		return new TaskView.Progress(done, Math.max(kept - skipped, done + (holdsTask ? 1 : 0)));
	}

	/** Every answer the rater has given, attention checks included. */
	int done(Rater rater) {
		return this.jdbc.sql("select count(*) from judgment where rater_id = ?")
			.param(rater.id())
			.query(Integer.class)
			.single();
	}

	boolean holdsTask(RaterSession session) {
		return this.repository.currentLease(session.rater().id()).isPresent();
	}

	boolean quotaReached(Rater rater) {
		return quotaReached(rater, done(rater));
	}

	static boolean quotaReached(Rater rater, int done) {
		return rater.quota() != null && done >= rater.quota();
	}

	/** Real tasks the rater could still be given, the one they hold included. */
	int remaining(RaterSession session, boolean holdsRealTask) {
		int openToThem = Math.max(0,
				this.taskPool.openTasks(session.study().id()) - this.repository.countOpenHeldBy(session.rater().id()));
		return openToThem + (holdsRealTask ? 1 : 0);
	}

	/**
	 * Stores the first target; a request of the same rater that stored one first wins.
	 */
	private int keep(long raterId, int target) {
		try {
			this.jdbc.sql("insert into rater_target (rater_id, target) values (?, ?)").params(raterId, target).update();
			return target;
		}
		catch (DuplicateKeyException ex) {
			return keptTarget(raterId);
		}
	}

	private int skipped(long raterId) {
		return this.jdbc.sql("select count(*) from assignment where rater_id = ? and state = 'skipped'")
			.param(raterId)
			.query(Integer.class)
			.single();
	}

	private Integer keptTarget(long raterId) {
		return this.jdbc.sql("select target from rater_target where rater_id = ?")
			.param(raterId)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Checks are mixed in at the study's rate, so over {@code realTasks} real tasks a
	 * rater meets about {@code realTasks * rate / (1 - rate)} of them, at most as many as
	 * there are checks they have not had.
	 */
	private int expectedChecks(RaterSession session, int realTasks) {
		double rate = session.study().attentionCheckRate();
		if (rate <= 0 || realTasks == 0) {
			return 0;
		}
		int left = this.jdbc.sql("""
				select count(*) from task t where t.study_id = ? and t.attention_kind is not null
				  and not exists (select 1 from assignment a where a.task_id = t.id and a.rater_id = ?)""")
			.params(session.study().id(), session.rater().id())
			.query(Integer.class)
			.single();
		return Math.min(left, (int) Math.round(realTasks * rate / (1 - rate)));
	}

}
