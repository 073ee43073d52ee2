package dev.pairwise.rating;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.pairwise.rating.RatingLoopRepository.Held;
import dev.pairwise.rating.RatingLoopRepository.Rating;
import dev.pairwise.rating.RatingRepository.Answer;
import dev.pairwise.rating.RatingRepository.NewJudgment;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import dev.pairwise.study.TaskPool;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A judgment and the rater's next task in one transaction: the steady state of rating,
 * one request and one commit per judgment. In the usual case (a live lease answered for
 * the first time) it takes six statements: the lock of what changes and the read that
 * resolves the token ({@link RatingLoopRepository#lockForJudgment}), the judgment's
 * insert, the task counters' update that also claims the next task
 * ({@link TaskPool#convertAndClaim}), the assignments' upsert and the next task's
 * content. Every other case (an answer given again or changed, an expired lease, a
 * refusal) goes the way of {@link Answers} and {@link AssignmentEngine}, in the same
 * transaction, so both answer alike.
 */
@Service
class RatingLoop {

	private final RatingLoopRepository loop;

	private final RatingRepository repository;

	private final AssignmentEngine engine;

	private final Answers answers;

	private final TaskPool taskPool;

	private final RaterProgress progress;

	private final Studies studies;

	private final Optional<RaterAdmission> admission;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RatingLoop(RatingLoopRepository loop, RatingRepository repository, AssignmentEngine engine, Answers answers,
			TaskPool taskPool, RaterProgress progress, Studies studies, Optional<RaterAdmission> admission,
			ApplicationEventPublisher events, Clock clock) {
		this.loop = loop;
		this.repository = repository;
		this.engine = engine;
		this.answers = answers;
		this.taskPool = taskPool;
		this.progress = progress;
		this.studies = studies;
		this.admission = admission;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores the answer and leases the rater's next task. After an answer given again,
	 * the next task is the one the rater holds (none is leased for it); it is empty when
	 * nothing is left for them, or when they owe a step before more tasks (asking for the
	 * next task then says which).
	 */
	@Transactional
	Judged judgeAndNext(String token, JudgmentCommand command) {
		if (command.assignmentId() == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.invalid", "assignmentId is required.");
		}
		Optional<Held> found = this.loop.lockForJudgment(token, command.assignmentId());
		if (found.isEmpty() || !usual(found.get())) {
			return theLongWay(token, command);
		}
		Held held = found.get();
		Rating rating = held.rating();
		RaterSession session = rating.session();
		Study study = session.study();
		AssignmentRow assignment = held.assignment();
		Answer answer = Answers.toTaskTerms(Answers.validate(study, this.studies.criteria(study.id()), command),
				assignment.leftIsA());
		Instant now = this.clock.instant();
		long judgmentId = this.repository.insertJudgment(new NewJudgment(study.id(), assignment.taskId(),
				assignment.id(), session.rater().id(), assignment.itemId(), assignment.modelA(), assignment.modelB(),
				answer, assignment.leftIsA(), Answers.elapsed(command.elapsedMs()), session.rater().label(),
				Answers.attentionCorrect(assignment, answer), now));
		int done = rating.done() + 1;
		Long judgedTask = assignment.attention() ? null : assignment.taskId();
		Optional<Long> next = Optional.empty();
		if (!RaterProgress.quotaReached(session.rater(), done)) {
			next = claim(session, judgedTask);
		}
		else if (judgedTask != null) {
			this.taskPool.convertLease(judgedTask);
		}
		// The event names the judgment, so results read it after the commit, not here.
		this.events.publishEvent(JudgmentsChanged.judgment(study.id(), judgmentId));
		return new Judged(Answers.Outcome.CREATED,
				lease(rating, Optional.of(assignment), next, done, now).orElse(null));
	}

	/**
	 * The rater's task: the one they hold, its lease renewed, or a newly leased one;
	 * empty when nothing is left for them now. As {@link AssignmentEngine#next}, from one
	 * read of the rater.
	 */
	@Transactional
	Optional<TaskView> next(String token) {
		Rating rating = this.loop.lockRater(token).orElseThrow(RatingException::notFound);
		RaterSession session = rating.session();
		if (session.rater().revoked()) {
			throw AssignmentEngine.revoked();
		}
		AssignmentEngine.requireOpen(session.study());
		if (rating.participant()) {
			this.engine.requireAdmitted(session);
		}
		if (rating.excluded()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		if (rating.lease().isPresent()) {
			RatingLoopRepository.Lease lease = rating.lease().get();
			this.repository.extendLease(lease.assignmentId(), now.plusSeconds(session.study().leaseSeconds()));
			return Optional.of(this.engine.view(lease.assignmentId(), lease.taskId(), lease.leftIsA(), session,
					this.progress.of(session, rating.done(), true, rating.skipped(), rating.keptTarget())));
		}
		if (RaterProgress.quotaReached(session.rater(), rating.done())) {
			return Optional.empty();
		}
		return lease(rating, Optional.empty(), claim(session, null), rating.done(), now);
	}

	/**
	 * Counts the judgment of {@code judgedTask} (null for none) and claims the rater's
	 * next task: an attention check when one is due, else one of the least covered.
	 */
	private Optional<Long> claim(RaterSession session, Long judgedTask) {
		Optional<Long> check = this.engine.drawAttentionCheck(session);
		if (check.isPresent()) {
			if (judgedTask != null) {
				this.taskPool.convertLease(judgedTask);
			}
			return check;
		}
		Optional<Long> claimed = this.taskPool.convertAndClaim(judgedTask, session.study().id(), session.rater().id(),
				this.engine.randomKey());
		// Every candidate was held by another transaction: look again, waiting if need
		// be.
		return claimed.isPresent() ? claimed : this.engine.claimTask(session);
	}

	/** Records the judged assignment and the next lease, and shows the leased task. */
	private Optional<TaskView> lease(Rating rating, Optional<AssignmentRow> judged, Optional<Long> nextTask, int done,
			Instant now) {
		RaterSession session = rating.session();
		boolean leftIsA = this.engine.randomLeftIsA();
		Optional<Long> leased = this.loop.judgeAndLease(session.study().id(), session.rater().id(), judged, nextTask,
				leftIsA, now, now.plusSeconds(session.study().leaseSeconds()));
		return leased.map((assignmentId) -> this.engine.view(assignmentId, nextTask.get(), leftIsA, session,
				this.progress.of(session, done, true, rating.skipped(), rating.keptTarget())));
	}

	/**
	 * A live lease answered for the first time, by a rater who may answer and owes no
	 * steps: a participant's answer may screen them out, which ends their leases.
	 */
	private static boolean usual(Held held) {
		Rating rating = held.rating();
		return !rating.participant() && !rating.session().rater().revoked() && rating.session().study().isOpen()
				&& !rating.excluded() && !held.judged() && AssignmentRow.LEASED.equals(held.assignment().state());
	}

	/** Every case but the usual one, as the answer and next-task requests take it. */
	private Judged theLongWay(String token, JudgmentCommand command) {
		RaterSession session = this.engine.resolve(token);
		Answers.Outcome outcome = this.answers.submit(session, command);
		boolean stepOwed = this.admission.flatMap((gate) -> gate.stepBeforeTasks(session.rater().id())).isPresent();
		if (stepOwed || (outcome != Answers.Outcome.CREATED
				&& this.repository.currentLease(session.rater().id()).isEmpty())) {
			return new Judged(outcome, null);
		}
		return new Judged(outcome, this.engine.next(session).orElse(null));
	}

	/** What became of the answer, and the rater's next task (null for none). */
	record Judged(Answers.Outcome outcome, TaskView next) {
	}

}
