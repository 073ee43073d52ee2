package dev.pairwise.rating;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.pairwise.rating.RatingLoopRepository.Held;
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
 * the first time) it takes five statements: the read that resolves the token and locks
 * what changes ({@link RatingLoopRepository#lockForJudgment}), the judgment's insert, the
 * task counters' update that also claims the next task
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
		RaterSession session = held.session();
		Study study = session.study();
		AssignmentRow assignment = held.assignment();
		Answer answer = Answers.toTaskTerms(Answers.validate(study, this.studies.criteria(study.id()), command),
				assignment.leftIsA());
		Instant now = this.clock.instant();
		long judgmentId = this.repository.insertJudgment(new NewJudgment(study.id(), assignment.taskId(),
				assignment.id(), session.rater().id(), assignment.itemId(), assignment.modelA(), assignment.modelB(),
				answer, assignment.leftIsA(), Answers.elapsed(command.elapsedMs()), session.rater().label(),
				Answers.attentionCorrect(assignment, answer), now));
		int done = held.done() + 1;
		Long judgedTask = assignment.attention() ? null : assignment.taskId();
		boolean more = mayHaveMore(held, done);
		Optional<Long> next = more ? this.engine.drawAttentionCheck(session) : Optional.empty();
		if (more && next.isEmpty()) {
			next = this.taskPool.convertAndClaim(judgedTask, study.id(), session.rater().id(), this.engine.randomKey());
			if (next.isEmpty()) {
				next = this.engine.claimTask(session);
			}
		}
		else if (judgedTask != null) {
			this.taskPool.convertLease(judgedTask);
		}
		Optional<Long> nextTask = next;
		boolean leftIsA = this.engine.randomLeftIsA();
		Optional<Long> leased = this.loop.judgeAndLease(study.id(), session.rater().id(), assignment, nextTask, leftIsA,
				now, now.plusSeconds(study.leaseSeconds()));
		// The event names the judgment, so results read it after the commit, not here.
		this.events.publishEvent(JudgmentsChanged.judgment(study.id(), judgmentId));
		TaskView view = leased.map((assignmentId) -> this.engine.view(assignmentId, nextTask.get(), leftIsA, session,
				this.progress.of(session, done, true, held.skipped(), held.keptTarget())))
			.orElse(null);
		return new Judged(Answers.Outcome.CREATED, view);
	}

	/**
	 * A live lease answered for the first time, by a rater who may answer and owes no
	 * steps: a participant's answer may screen them out, which ends their leases.
	 */
	private static boolean usual(Held held) {
		return !held.participant() && !held.session().rater().revoked() && held.session().study().isOpen()
				&& !held.excluded() && !held.judged() && AssignmentRow.LEASED.equals(held.assignment().state());
	}

	/** Whether to lease another task after this answer: not past the rater's quota. */
	private static boolean mayHaveMore(Held held, int done) {
		return !RaterProgress.quotaReached(held.session().rater(), done);
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
