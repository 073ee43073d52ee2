package dev.pairwise.rating;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import dev.pairwise.evalset.ItemView;
import dev.pairwise.rating.RatingRepository.Answer;
import dev.pairwise.rating.RatingRepository.NewJudgment;
import dev.pairwise.rating.RatingRepository.StoredJudgment;
import dev.pairwise.rating.RatingRepository.TaskContent;
import dev.pairwise.study.Rater;
import dev.pairwise.study.Raters;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands out tasks and takes judgments, keeping DESIGN.md's assignment invariants: at most
 * k accepted judgments per task (conditional updates on the task row), never the same
 * task twice to a rater (one assignment row per task and rater), least-covered tasks
 * first with a random tie-break and a random left/right order, leases that expire,
 * quotas, attention checks, and idempotent submission keyed by assignment.
 */
@Service
class AssignmentEngine {

	static final Set<String> STRENGTHS = Set.of("slightly", "clearly", "much");

	static final int MAX_REASON_LENGTH = 4000;

	private static final int CANDIDATES = 16;

	/**
	 * Rounds in which a claim skips tasks whose row another transaction holds; later
	 * rounds wait for the lock instead.
	 */
	private static final int SKIP_LOCKED_ROUNDS = 3;

	private static final int MAX_CLAIM_ROUNDS = 50;

	private static final long MAX_ELAPSED_MS = Duration.ofDays(1).toMillis();

	private final RatingRepository repository;

	private final Raters raters;

	private final Studies studies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Random random = new SecureRandom();

	/** Issue 17: the rater-facing counter and target, attention checks included. */
	private final RatersOwnProgress raterProgress;

	AssignmentEngine(RatingRepository repository, Raters raters, Studies studies, ApplicationEventPublisher events,
			Clock clock, RatersOwnProgress raterProgress) {
		this.raterProgress = raterProgress;
		this.repository = repository;
		this.raters = raters;
		this.studies = studies;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The rater and study behind an invite token: 404 for an unknown token, 403 once
	 * revoked.
	 */
	RaterSession resolve(String token) {
		Rater rater = this.raters.findByToken(token).orElseThrow(RatingException::notFound);
		if (rater.revoked()) {
			throw new RatingException(HttpStatus.FORBIDDEN, "rate.error.revoked",
					"This invite link has been revoked. Ask the study's organiser for a new one.");
		}
		Study study = this.studies.find(rater.studyId()).orElseThrow(RatingException::notFound);
		return new RaterSession(rater, study);
	}

	/**
	 * The rater's current task (resumed, its lease renewed) or a newly leased one; empty
	 * when nothing is left for them now.
	 */
	@Transactional
	Optional<TaskView> next(RaterSession session) {
		requireOpen(session.study());
		Instant now = this.clock.instant();
		Instant expiresAt = now.plusSeconds(session.study().leaseSeconds());
		Optional<AssignmentRow> current = this.repository.currentLease(session.rater().id());
		// Checks included: the quota bounds everything served, and checks count like
		// tasks.
		int done = this.raterProgress.answered(session.rater().id());
		if (current.isPresent()) {
			AssignmentRow assignment = current.get();
			this.repository.extendLease(assignment.id(), expiresAt);
			return Optional.of(view(assignment.id(), assignment.taskId(), assignment.leftIsA(), assignment.attention(),
					session, done));
		}
		if (quotaReached(session.rater(), done)) {
			return Optional.empty();
		}
		if (this.random.nextDouble() < session.study().attentionCheckRate()) {
			Optional<Long> check = this.repository.attentionCheckFor(session.study().id(), session.rater().id(),
					session.rater().salt());
			if (check.isPresent()) {
				return Optional.of(leaseAndView(session, check.get(), true, now, expiresAt, done));
			}
		}
		return claimTask(session).map((taskId) -> leaseAndView(session, taskId, false, now, expiresAt, done));
	}

	@Transactional
	SubmitOutcome submit(RaterSession session, JudgmentCommand command) {
		Answer requested = validate(session.study(), command);
		AssignmentRow assignment = ownAssignment(session, command.assignmentId());
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<StoredJudgment> existing = this.repository.findJudgment(assignment.id());
			if (existing.isPresent()) {
				return answerAgain(session, assignment, existing.get(), requested);
			}
			requireOpen(session.study());
			if (AssignmentRow.SKIPPED.equals(assignment.state())) {
				throw new RatingException(HttpStatus.CONFLICT, "rate.error.skipped",
						"You skipped this task, so it went back to the pool and your answer was not recorded.");
			}
			if (accept(assignment)) {
				Answer answer = toTaskTerms(requested, assignment.leftIsA());
				long judgmentId = this.repository
					.insertJudgment(new NewJudgment(session.study().id(), assignment.taskId(), assignment.id(),
							session.rater().id(), assignment.itemId(), assignment.modelA(), assignment.modelB(), answer,
							assignment.leftIsA(), elapsed(command.elapsedMs()), session.rater().label(),
							attentionCorrect(assignment, answer), this.clock.instant()));
				publishAfterCommit(JudgmentsChanged.judgment(session.study().id(), judgmentId));
				return SubmitOutcome.CREATED;
			}
			assignment = ownAssignment(session, assignment.id());
		}
		throw new RatingException(HttpStatus.CONFLICT, "rate.error.busy",
				"This task changed while your answer arrived. Please submit again.");
	}

	/** Gives a task back to the pool; the rater will not be offered it again. */
	@Transactional
	void skip(RaterSession session, long assignmentId) {
		AssignmentRow assignment = ownAssignment(session, assignmentId);
		if (AssignmentRow.LEASED.equals(assignment.state())
				&& this.repository.transition(assignment.id(), AssignmentRow.LEASED, AssignmentRow.SKIPPED)) {
			if (!assignment.attention()) {
				this.repository.releaseLease(assignment.taskId());
			}
		}
		else if (AssignmentRow.EXPIRED.equals(assignment.state())) {
			this.repository.transition(assignment.id(), AssignmentRow.EXPIRED, AssignmentRow.SKIPPED);
		}
	}

	/** Reports a broken task with a note and moves the rater on. */
	@Transactional
	void flag(RaterSession session, long assignmentId, String note) {
		AssignmentRow assignment = ownAssignment(session, assignmentId);
		String trimmed = (note == null || note.isBlank()) ? null : note.strip();
		requireText(trimmed);
		if (trimmed != null && trimmed.length() > MAX_REASON_LENGTH) {
			trimmed = trimmed.substring(0, MAX_REASON_LENGTH);
		}
		this.repository.insertFlag(session.study().id(), assignment.taskId(), session.rater().id(), trimmed,
				assignment.leftIsA() ? assignment.modelA() : assignment.modelB(),
				assignment.leftIsA() ? assignment.modelB() : assignment.modelA());
		skip(session, assignmentId);
	}

	TaskView.Progress progress(RaterSession session, boolean holdsRealTask) {
		return progress(session, this.raterProgress.answered(session.rater().id()), holdsRealTask);
	}

	/**
	 * Progress for a page that shows no task (welcome, done, an answer's receipt): a real
	 * task the rater holds still counts, or the welcome page would show one fewer than
	 * the task page.
	 */
	TaskView.Progress progress(RaterSession session) {
		// Issue 17: a held attention check counts too, as the rater cannot tell it apart.
		return progress(session, this.repository.currentLease(session.rater().id()).isPresent());
	}

	/**
	 * Answers given, attention checks included, and the rater's own target (see
	 * {@link RatersOwnProgress}).
	 */
	private TaskView.Progress progress(RaterSession session, int done, boolean holdsTask) {
		return this.raterProgress.progress(session, done, holdsTask);
	}

	/**
	 * Whether the rater holds a task now (issue 17: the welcome page offers to go on).
	 */
	boolean holdsTask(RaterSession session) {
		return this.repository.currentLease(session.rater().id()).isPresent();
	}

	boolean quotaReached(Rater rater) {
		return quotaReached(rater, this.raterProgress.answered(rater.id()));
	}

	private static boolean quotaReached(Rater rater, int done) {
		return rater.quota() != null && done >= rater.quota();
	}

	/**
	 * Takes a lease slot on one of the least covered open tasks the rater may be given,
	 * picked at random among them; empty when none is left for them. Candidates are read
	 * without locks; the conditional update of {@link RatingRepository#reserve} decides.
	 * When every candidate was taken or raised meanwhile, it looks again.
	 */
	private Optional<Long> claimTask(RaterSession session) {
		long studyId = session.study().id();
		long raterId = session.rater().id();
		for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
			Optional<Integer> load = this.repository.leastLoad(studyId, raterId);
			if (load.isEmpty()) {
				return Optional.empty();
			}
			int from = this.random.nextInt(Integer.MAX_VALUE);
			List<Long> candidates = new ArrayList<>(
					this.repository.candidates(studyId, raterId, load.get(), from, false, CANDIDATES));
			if (candidates.size() < CANDIDATES) {
				candidates.addAll(this.repository.candidates(studyId, raterId, load.get(), from, true,
						CANDIDATES - candidates.size()));
			}
			Collections.shuffle(candidates, this.random);
			for (long taskId : candidates) {
				if (this.repository.reserve(taskId, load.get(), round < SKIP_LOCKED_ROUNDS)) {
					return Optional.of(taskId);
				}
			}
		}
		throw new RatingException(HttpStatus.SERVICE_UNAVAILABLE, "rate.error.crowded",
				"Many raters are asking for work at this moment. Please try again in a few seconds.");
	}

	private TaskView leaseAndView(RaterSession session, long taskId, boolean attention, Instant now, Instant expiresAt,
			int done) {
		boolean leftIsA = this.random.nextBoolean();
		long assignmentId = this.repository.lease(session.study().id(), taskId, session.rater().id(), leftIsA, now,
				expiresAt);
		return view(assignmentId, taskId, leftIsA, attention, session, done);
	}

	/**
	 * Turns the assignment into a judged one if its answer may count: a live lease always
	 * may; an expired one only while the task still has room.
	 */
	private boolean accept(AssignmentRow assignment) {
		if (AssignmentRow.LEASED.equals(assignment.state())) {
			if (!this.repository.transition(assignment.id(), AssignmentRow.LEASED, AssignmentRow.JUDGED)) {
				return false;
			}
			if (!assignment.attention()) {
				this.repository.convertLease(assignment.taskId());
			}
			return true;
		}
		if (AssignmentRow.EXPIRED.equals(assignment.state())) {
			if (!this.repository.transition(assignment.id(), AssignmentRow.EXPIRED, AssignmentRow.JUDGED)) {
				return false;
			}
			if (!assignment.attention() && !this.repository.acceptIfRoom(assignment.taskId())) {
				throw new RatingException(HttpStatus.CONFLICT, "rate.error.expiredFull",
						"Your time for this task ran out and other raters have since completed it, "
								+ "so this answer was not recorded. Thank you — please continue with the next task.");
			}
			return true;
		}
		return false;
	}

	private SubmitOutcome answerAgain(RaterSession session, AssignmentRow assignment, StoredJudgment existing,
			Answer requested) {
		Answer answer = toTaskTerms(requested, assignment.leftIsA());
		if (existing.answer().equals(answer)) {
			return SubmitOutcome.UNCHANGED;
		}
		if (!session.study().allowEdit()) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.alreadyJudged",
					"You already answered this task differently, and this study does not allow changing answers.");
		}
		requireOpen(session.study());
		this.repository.editJudgment(existing, answer, attentionCorrect(assignment, answer), this.clock.instant());
		publishAfterCommit(JudgmentsChanged.judgment(session.study().id(), existing.id()));
		return SubmitOutcome.EDITED;
	}

	private AssignmentRow ownAssignment(RaterSession session, Long assignmentId) {
		if (assignmentId == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.invalid", "assignmentId is required.");
		}
		return this.repository.findAssignment(assignmentId)
			.filter((assignment) -> assignment.raterId() == session.rater().id())
			.orElseThrow(RatingException::notFound);
	}

	private TaskView view(long assignmentId, long taskId, boolean leftIsA, boolean attention, RaterSession session,
			int done) {
		TaskContent task = this.repository.taskContent(taskId).orElseThrow();
		String left = leftIsA ? task.textA() : task.textB();
		String right = leftIsA ? task.textB() : task.textA();
		// Issue 17: the setting names the experimental condition; raters see it only if
		// the study says so.
		String setting = session.study().showSetting() ? task.setting() : null;
		return new TaskView(assignmentId, task.prompt(), ItemView.exemplars(task.exemplarsJson()), setting, left, right,
				progress(session, done, true));
	}

	private static Answer validate(Study study, JudgmentCommand command) {
		Choice choice = Choice.of(command.choice());
		if (choice == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.choice",
					"choice must be \"1\", \"2\", \"tie\" or \"both-bad\".");
		}
		String strength = null;
		boolean preferred = choice == Choice.RESPONSE_1 || choice == Choice.RESPONSE_2;
		if (study.scale() == Study.Scale.GRADED && preferred) {
			strength = command.normalizedStrength();
			if (strength == null || !STRENGTHS.contains(strength)) {
				throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.strength",
						"Say how much better: strength must be \"slightly\", \"clearly\" or \"much\".");
			}
		}
		String reason = command.normalizedReason();
		if (study.reasonRequired() && reason == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.reasonRequired",
					"This study asks for a short reason with every answer.");
		}
		if (reason != null && reason.length() > MAX_REASON_LENGTH) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.reasonTooLong",
					"The reason is longer than " + MAX_REASON_LENGTH + " characters.");
		}
		requireText(reason);
		return new Answer(choice.id(), command.failLeft(), command.failRight(), strength, reason);
	}

	/**
	 * Translates an answer given in screen terms (1 = left) into the task's model_a /
	 * model_b.
	 */
	private static Answer toTaskTerms(Answer screen, boolean leftIsA) {
		Choice choice = Choice.of(screen.winner());
		boolean failA = leftIsA ? screen.failA() : screen.failB();
		boolean failB = leftIsA ? screen.failB() : screen.failA();
		return new Answer(choice.winner(leftIsA), failA, failB, screen.strength(), screen.reason());
	}

	private static Boolean attentionCorrect(AssignmentRow assignment, Answer answer) {
		if (assignment.attentionGoodSide() == null) {
			return null;
		}
		return answer.winner().equals("a".equals(assignment.attentionGoodSide()) ? "model_a" : "model_b");
	}

	private static Long elapsed(Long elapsedMs) {
		return (elapsedMs == null || elapsedMs < 0 || elapsedMs > MAX_ELAPSED_MS) ? null : elapsedMs;
	}

	/** No NUL character, which PostgreSQL refuses in text. */
	private static void requireText(String text) {
		if (text != null && text.indexOf('\0') >= 0) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.text",
					"The text holds a NUL character (U+0000), which is not allowed.");
		}
	}

	private static void requireOpen(Study study) {
		if (study.state() == Study.State.DRAFT) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.notOpen",
					"This study has not opened yet. Please try again later.");
		}
		if (study.state() == Study.State.CLOSED) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.closed",
					"This study is closed and takes no more answers. Thank you for your help.");
		}
	}

	private void publishAfterCommit(JudgmentsChanged event) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					AssignmentEngine.this.events.publishEvent(event);
				}

			});
		}
		else {
			this.events.publishEvent(event);
		}
	}

	enum SubmitOutcome {

		CREATED, UNCHANGED, EDITED

	}

}
