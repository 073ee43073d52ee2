package dev.pairwise.rating;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rater API, for custom front ends and load tests; the invite token authenticates.
 */
@RestController
@RequestMapping("/api/rate/{token}")
class RaterApiController {

	private final AssignmentEngine engine;

	private final Answers answers;

	private final RatingLoop loop;

	RaterApiController(AssignmentEngine engine, Answers answers, RatingLoop loop) {
		this.engine = engine;
		this.answers = answers;
		this.loop = loop;
	}

	@GetMapping("/next")
	ResponseEntity<TaskView> next(@PathVariable String token) {
		return this.loop.next(token).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

	/**
	 * With {@code next=true} the answer and the rater's next task in one transaction: the
	 * answer's status and the task {@code GET /next} would give (null for none).
	 */
	@PostMapping(path = "/judgments", params = "next=true")
	ResponseEntity<SubmittedWithNext> judgeAndNext(@PathVariable String token, @RequestBody JudgmentCommand command) {
		RatingLoop.Judged judged = this.loop.judgeAndNext(token, command);
		return ResponseEntity.status((judged.outcome() == Answers.Outcome.CREATED) ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new SubmittedWithNext(command.assignmentId(), judged.outcome().name().toLowerCase(), judged.next()));
	}

	@PostMapping("/judgments")
	ResponseEntity<Submitted> judge(@PathVariable String token, @RequestBody JudgmentCommand command) {
		RaterSession session = this.engine.resolve(token);
		Answers.Outcome outcome = this.answers.submit(session, command);
		return ResponseEntity.status((outcome == Answers.Outcome.CREATED) ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new Submitted(command.assignmentId(), outcome.name().toLowerCase()));
	}

	@PostMapping("/skip")
	Map<String, Object> skip(@PathVariable String token, @RequestBody AssignmentCommand command) {
		RaterSession session = this.engine.resolve(token);
		AssignmentEngine.requireOpen(session.study());
		this.engine.skip(session, requireId(command));
		return Map.of("assignmentId", command.assignmentId(), "status", "skipped");
	}

	@PostMapping("/flag")
	Map<String, Object> flag(@PathVariable String token, @RequestBody AssignmentCommand command) {
		RaterSession session = this.engine.resolve(token);
		AssignmentEngine.requireOpen(session.study());
		this.engine.flag(session, requireId(command), command.note());
		return Map.of("assignmentId", command.assignmentId(), "status", "flagged");
	}

	private static long requireId(AssignmentCommand command) {
		if (command.assignmentId() == null) {
			throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.invalid", "assignmentId is required.");
		}
		return command.assignmentId();
	}

	record AssignmentCommand(Long assignmentId, String note) {
	}

	record Submitted(Long assignmentId, String status) {
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record SubmittedWithNext(Long assignmentId, String status, TaskView next) {
	}

}
