package dev.pairwise.rating;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import dev.pairwise.evalset.ItemView;
import dev.pairwise.rating.RatingRepository.TaskContent;
import dev.pairwise.study.Rater;
import dev.pairwise.study.Raters;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import dev.pairwise.study.TaskPool;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out tasks, keeping DESIGN.md's assignment invariants: at most k accepted
 * judgments per task (the {@link TaskPool}'s conditional updates), never the same task
 * twice to a rater (one assignment row per task and rater), least-covered tasks first
 * with a random tie-break and a random left/right order, leases that expire or are given
 * back, quotas and attention checks. {@link Answers} takes what raters answer.
 */
@Service
class AssignmentEngine {

	private static final int CANDIDATES = 16;

	/**
	 * Rounds in which a claim skips tasks whose row another transaction holds; later
	 * rounds wait for the lock instead.
	 */
	private static final int SKIP_LOCKED_ROUNDS = 3;

	private static final int MAX_CLAIM_ROUNDS = 50;

	/** The most tasks one rater may flag: enough for a broken study, not a flood. */
	static final int MAX_FLAGS_PER_RATER = 100;

	private final RatingRepository repository;

	private final TaskPool taskPool;

	private final RaterProgress progress;

	private final Raters raters;

	private final Studies studies;

	private final Clock clock;

	private final Random random = new SecureRandom();

	private final Optional<RaterAdmission> admission;

	AssignmentEngine(RatingRepository repository, TaskPool taskPool, RaterProgress progress, Raters raters,
			Studies studies, Clock clock, Optional<RaterAdmission> admission) {
		this.admission = admission;
		this.repository = repository;
		this.taskPool = taskPool;
		this.progress = progress;
		this.raters = raters;
		this.studies = studies;
		this.clock = clock;
	}

	/**
	 * The rater and study behind an invite token: 404 for an unknown token, 403 once
	 * revoked.
	 */
	RaterSession resolve(String token) {
		Rater rater = this.raters.findByToken(token).orElseThrow(RatingException::notFound);
		if (rater.revoked()) {
			throw revoked();
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
		if (this.repository.lockAndCheckExcluded(session.rater().id())) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Instant expiresAt = now.plusSeconds(session.study().leaseSeconds());
		Optional<AssignmentRow> current = this.repository.currentLease(session.rater().id());
		int done = this.progress.done(session.rater());
		if (current.isPresent()) {
			AssignmentRow assignment = current.get();
			this.repository.extendLease(assignment.id(), expiresAt);
			return Optional.of(view(assignment.id(), assignment.taskId(), assignment.leftIsA(), session, done));
		}
		if (RaterProgress.quotaReached(session.rater(), done)) {
			return Optional.empty();
		}
		Optional<Long> check = drawAttentionCheck(session);
		if (check.isPresent()) {
			return Optional.of(leaseAndView(session, check.get(), now, expiresAt, done));
		}
		return claimTask(session).map((taskId) -> leaseAndView(session, taskId, now, expiresAt, done));
	}

	/**
	 * An attention check for the rater now, at the study's rate; empty when none is due
	 * or none is left for them.
	 */
	Optional<Long> drawAttentionCheck(RaterSession session) {
		if (this.random.nextDouble() < session.study().attentionCheckRate()) {
			return this.repository.attentionCheckFor(session.study().id(), session.rater().id(),
					session.rater().salt());
		}
		return Optional.empty();
	}

	/** A random starting point on the circle of the tasks' random keys. */
	int randomKey() {
		return this.random.nextInt(Integer.MAX_VALUE);
	}

	boolean randomLeftIsA() {
		return this.random.nextBoolean();
	}

	/** Gives a task back to the pool; the rater will not be offered it again. */
	@Transactional
	void skip(RaterSession session, long assignmentId) {
		AssignmentRow assignment = ownAssignment(session, assignmentId);
		if (AssignmentRow.LEASED.equals(assignment.state())
				&& this.repository.transition(assignment.id(), AssignmentRow.LEASED, AssignmentRow.SKIPPED)) {
			if (!assignment.attention()) {
				this.taskPool.releaseLease(assignment.taskId());
			}
		}
		else if (AssignmentRow.EXPIRED.equals(assignment.state())) {
			this.repository.transition(assignment.id(), AssignmentRow.EXPIRED, AssignmentRow.SKIPPED);
		}
	}

	/**
	 * Reports a broken task with a note and moves the rater on. One flag per task and
	 * rater (a second one replaces the note), on the task they hold or one they answered
	 * (or the one they flagged and so gave back), and at most
	 * {@link #MAX_FLAGS_PER_RATER} per rater.
	 */
	@Transactional
	void flag(RaterSession session, long assignmentId, String note) {
		AssignmentRow assignment = ownAssignment(session, assignmentId);
		String trimmed = (note == null || note.isBlank()) ? null : note.strip();
		Answers.requireText(trimmed);
		if (trimmed != null && trimmed.length() > Answers.MAX_REASON_LENGTH) {
			trimmed = trimmed.substring(0, Answers.MAX_REASON_LENGTH);
		}
		boolean flaggedBefore = AssignmentRow.SKIPPED.equals(assignment.state())
				&& this.repository.hasFlagged(assignment.taskId(), session.rater().id());
		if (!AssignmentRow.LEASED.equals(assignment.state()) && !AssignmentRow.JUDGED.equals(assignment.state())
				&& !flaggedBefore) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.flagNotYours",
					"Only the task you hold now or one you answered can be flagged.");
		}
		if (!this.repository.saveFlag(session.study().id(), assignment.taskId(), session.rater().id(), trimmed,
				assignment.leftIsA() ? assignment.modelA() : assignment.modelB(),
				assignment.leftIsA() ? assignment.modelB() : assignment.modelA(), MAX_FLAGS_PER_RATER)) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.flagCap",
					"You have flagged " + MAX_FLAGS_PER_RATER
							+ " tasks, the most one rater may. Thank you: the organiser will look at them.");
		}
		skip(session, assignmentId);
	}

	/** One of the rater's own assignments; 404 for anyone else's. */
	AssignmentRow ownAssignment(RaterSession session, Long assignmentId) {
		if (assignmentId == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.invalid", "assignmentId is required.");
		}
		return this.repository.findAssignment(assignmentId)
			.filter((assignment) -> assignment.raterId() == session.rater().id())
			.orElseThrow(RatingException::notFound);
	}

	/**
	 * A rater who still owes a step (consent, qualification) or was screened out gets no
	 * task, whichever way they ask.
	 */
	void requireAdmitted(RaterSession session) {
		Optional<String> step = this.admission.flatMap((gate) -> gate.stepBeforeTasks(session.rater().id()));
		if (step.isPresent()) {
			throw new RatingException(HttpStatus.FORBIDDEN, "rate.error.notAdmitted",
					"Tasks start after the steps before them: open /r/{token}/" + step.get() + " first.");
		}
	}

	static RatingException revoked() {
		return new RatingException(HttpStatus.FORBIDDEN, "rate.error.revoked",
				"This invite link has been revoked. Ask the study's organiser for a new one.");
	}

	static void requireOpen(Study study) {
		if (study.state() == Study.State.DRAFT) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.notOpen",
					"This study has not opened yet. Please try again later.");
		}
		if (study.state() == Study.State.CLOSED) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.closed",
					"This study is closed and takes no more answers. Thank you for your help.");
		}
	}

	/**
	 * Takes a lease slot on one of the least covered open tasks the rater may be given,
	 * picked at random among them; empty when none is left for them. Candidates are read
	 * without locks; the conditional update of {@link TaskPool#reserve} decides. When
	 * every candidate was taken or raised meanwhile, it looks again.
	 */
	Optional<Long> claimTask(RaterSession session) {
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
				if (this.taskPool.reserve(taskId, load.get(), round < SKIP_LOCKED_ROUNDS)) {
					return Optional.of(taskId);
				}
			}
		}
		throw new RatingException(HttpStatus.SERVICE_UNAVAILABLE, "rate.error.crowded",
				"Many raters are asking for work at this moment. Please try again in a few seconds.");
	}

	private TaskView leaseAndView(RaterSession session, long taskId, Instant now, Instant expiresAt, int done) {
		boolean leftIsA = this.random.nextBoolean();
		long assignmentId = this.repository.lease(session.study().id(), taskId, session.rater().id(), leftIsA, now,
				expiresAt);
		return view(assignmentId, taskId, leftIsA, session, done);
	}

	private TaskView view(long assignmentId, long taskId, boolean leftIsA, RaterSession session, int done) {
		return view(assignmentId, taskId, leftIsA, session, this.progress.of(session, done, true));
	}

	TaskView view(long assignmentId, long taskId, boolean leftIsA, RaterSession session, TaskView.Progress progress) {
		TaskContent task = this.repository.taskContent(taskId).orElseThrow();
		String left = leftIsA ? task.textA() : task.textB();
		String right = leftIsA ? task.textB() : task.textA();
		// The setting names the experimental condition: raters see it only where the
		// study says so.
		String setting = session.study().showSetting() ? task.setting() : null;
		return new TaskView(assignmentId, task.conversation(leftIsA), task.prompt(),
				ItemView.exemplars(task.exemplarsJson()), setting, left, right, progress);
	}

}
