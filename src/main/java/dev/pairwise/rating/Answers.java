package dev.pairwise.rating;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pairwise.rating.RatingRepository.Answer;
import dev.pairwise.rating.RatingRepository.CriterionAnswer;
import dev.pairwise.rating.RatingRepository.NewJudgment;
import dev.pairwise.rating.RatingRepository.StoredJudgment;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import dev.pairwise.study.StudyCriteria;
import dev.pairwise.study.TaskPool;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a rater's answers: checks each one against the study (choice, strength, reason),
 * counts it once (submission is idempotent, keyed by assignment), decides when an answer
 * may still count or change and answers 409 when it may not, and scores attention checks.
 */
@Service
class Answers {

	static final Set<String> STRENGTHS = Set.of("slightly", "clearly", "much");

	static final int MAX_REASON_LENGTH = 4000;

	private static final long MAX_ELAPSED_MS = Duration.ofDays(1).toMillis();

	private final RatingRepository repository;

	private final AssignmentEngine engine;

	private final TaskPool taskPool;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Studies studies;

	private final Optional<RaterAdmission> admission;

	Answers(RatingRepository repository, AssignmentEngine engine, TaskPool taskPool, ApplicationEventPublisher events,
			Clock clock, Studies studies, Optional<RaterAdmission> admission) {
		this.studies = studies;
		this.admission = admission;
		this.repository = repository;
		this.engine = engine;
		this.taskPool = taskPool;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Outcome submit(RaterSession session, JudgmentCommand command) {
		Answer requested = validate(session.study(), this.studies.criteria(session.study().id()), command);
		AssignmentRow assignment = this.engine.ownAssignment(session, command.assignmentId());
		if (this.repository.lockAndCheckExcluded(session.rater().id())) {
			throw excluded();
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<StoredJudgment> existing = this.repository.findJudgment(assignment.id());
			if (existing.isPresent()) {
				return answerAgain(session, assignment, existing.get(), requested);
			}
			AssignmentEngine.requireOpen(session.study());
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
				this.events.publishEvent(JudgmentsChanged.judgment(session.study().id(), judgmentId));
				if (assignment.attention()) {
					this.admission.ifPresent((gate) -> gate.attentionCheckAnswered(session.rater().id()));
				}
				return Outcome.CREATED;
			}
			assignment = this.engine.ownAssignment(session, assignment.id());
		}
		throw new RatingException(HttpStatus.CONFLICT, "rate.error.busy",
				"This task changed while your answer arrived. Please submit again.");
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
				this.taskPool.convertLease(assignment.taskId());
			}
			return true;
		}
		if (AssignmentRow.EXPIRED.equals(assignment.state())) {
			if (!this.repository.transition(assignment.id(), AssignmentRow.EXPIRED, AssignmentRow.JUDGED)) {
				return false;
			}
			if (!assignment.attention() && !this.taskPool.acceptIfRoom(assignment.taskId())) {
				throw new RatingException(HttpStatus.CONFLICT, "rate.error.expiredFull",
						"Your time for this task ran out and other raters have since completed it, "
								+ "so this answer was not recorded. Thank you — please continue with the next task.");
			}
			return true;
		}
		return false;
	}

	static RatingException excluded() {
		return new RatingException(HttpStatus.CONFLICT, "rate.error.excluded",
				"The study's organiser has stopped counting your answers, so this one was not recorded.");
	}

	private Outcome answerAgain(RaterSession session, AssignmentRow assignment, StoredJudgment existing,
			Answer requested) {
		Answer answer = toTaskTerms(requested, assignment.leftIsA());
		if (existing.answer().equals(answer)) {
			return Outcome.UNCHANGED;
		}
		if (!session.study().allowEdit()) {
			throw new RatingException(HttpStatus.CONFLICT, "rate.error.alreadyJudged",
					"You already answered this task differently, and this study does not allow changing answers.");
		}
		AssignmentEngine.requireOpen(session.study());
		this.repository.editJudgment(existing, answer, attentionCorrect(assignment, answer), this.clock.instant());
		this.events.publishEvent(JudgmentsChanged.judgment(session.study().id(), existing.id()));
		if (assignment.attention()) {
			this.admission.ifPresent((gate) -> gate.attentionCheckAnswered(session.rater().id()));
		}
		return Outcome.EDITED;
	}

	static Answer validate(Study study, StudyCriteria criteria, JudgmentCommand command) {
		String given = command.choice();
		if (criteria.derived() && given != null && !given.isBlank()) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.choice",
					"This study derives the overall choice from the criteria; leave \"choice\" out.");
		}
		Map<String, CriterionAnswer> answered = CriterionAnswers.check(criteria, study.scale(), command.criteria());
		if (criteria.derived()) {
			given = CriterionAnswers.derivedChoice(answered);
		}
		Choice choice = Choice.of(given);
		if (choice == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.choice",
					"choice must be \"1\", \"2\", \"tie\" or \"both-bad\".");
		}
		String strength = null;
		boolean preferred = choice == Choice.RESPONSE_1 || choice == Choice.RESPONSE_2;
		if (study.scale() == Study.Scale.GRADED && preferred && !criteria.derived()) {
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
		return new Answer(choice.id(), command.failLeft(), command.failRight(), strength, reason, answered);
	}

	/**
	 * Translates an answer given in screen terms (1 = left) into the task's model_a /
	 * model_b.
	 */
	static Answer toTaskTerms(Answer screen, boolean leftIsA) {
		Choice choice = Choice.of(screen.winner());
		boolean failA = leftIsA ? screen.failA() : screen.failB();
		boolean failB = leftIsA ? screen.failB() : screen.failA();
		return new Answer(choice.winner(leftIsA), failA, failB, screen.strength(), screen.reason(),
				CriterionAnswers.toTaskTerms(screen.criteria(), leftIsA));
	}

	static Boolean attentionCorrect(AssignmentRow assignment, Answer answer) {
		if (assignment.attentionGoodSide() == null) {
			return null;
		}
		Winner right = "a".equals(assignment.attentionGoodSide()) ? Winner.MODEL_A : Winner.MODEL_B;
		return answer.winner().equals(right.stored());
	}

	static Long elapsed(Long elapsedMs) {
		return (elapsedMs == null || elapsedMs < 0 || elapsedMs > MAX_ELAPSED_MS) ? null : elapsedMs;
	}

	/** No NUL character, which PostgreSQL refuses in text. */
	static void requireText(String text) {
		if (text != null && text.indexOf('\0') >= 0) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.text",
					"The text holds a NUL character (U+0000), which is not allowed.");
		}
	}

	/** What became of a submitted answer. */
	enum Outcome {

		CREATED, UNCHANGED, EDITED

	}

}
