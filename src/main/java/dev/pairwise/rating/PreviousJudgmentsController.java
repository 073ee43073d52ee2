package dev.pairwise.rating;

import dev.pairwise.study.Studies;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a study allows changing answers, the rater's earlier answers: a list, and each
 * task again, in the left/right order the rater saw, with their answer filled in. Saving
 * goes through the rater's ordinary answer path, so the change is kept in the audit trail
 * exactly as through the API.
 */
@Controller
class PreviousJudgmentsController {

	private final AssignmentEngine engine;

	private final Answers answers;

	private final RaterProgress progress;

	private final PreviousJudgments previous;

	private final Studies studies;

	PreviousJudgmentsController(AssignmentEngine engine, Answers answers, RaterProgress progress,
			PreviousJudgments previous, Studies studies) {
		this.studies = studies;
		this.engine = engine;
		this.answers = answers;
		this.progress = progress;
		this.previous = previous;
	}

	@GetMapping("/r/{token}/judgments")
	String list(@PathVariable String token, @RequestParam(required = false) String confirm, Model model,
			HttpServletResponse response) {
		RaterSession session = editable(token, model);
		model.addAttribute("judgments", this.previous.of(session.rater().id()));
		model.addAttribute("progress", this.progress.of(session));
		if ("edited".equals(confirm)) {
			model.addAttribute("confirmation", confirm);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return "rating/judgments";
	}

	@GetMapping("/r/{token}/judgments/{assignmentId}")
	String edit(@PathVariable String token, @PathVariable long assignmentId, Model model,
			HttpServletResponse response) {
		RaterSession session = editable(token, model);
		PreviousJudgments.PreviousTask task = this.previous.find(session, assignmentId)
			.orElseThrow(RatingException::notFound);
		model.addAttribute("task", task.task());
		model.addAttribute("answer", task.answer());
		model.addAttribute("editing", true);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return "rating/task";
	}

	@PostMapping("/r/{token}/judgments/{assignmentId}")
	String save(@PathVariable String token, @PathVariable long assignmentId, JudgmentCommand command,
			@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
		RaterSession session = editable(token, model);
		JudgmentCommand changed = new JudgmentCommand(assignmentId, command.choice(), command.fail1(), command.fail2(),
				command.strength(), command.reason(), null, CriterionCommand.fromForm(form));
		try {
			this.answers.submit(session, changed);
			return "redirect:/r/" + token + "/judgments?confirm=edited";
		}
		catch (RatingException ex) {
			if (ex.getStatusCode().value() != HttpStatus.BAD_REQUEST.value()) {
				throw ex;
			}
			PreviousJudgments.PreviousTask task = this.previous.find(session, assignmentId)
				.orElseThrow(RatingException::notFound);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("task", task.task());
			model.addAttribute("answer", changed);
			model.addAttribute("answerError", ex.messageKey());
			model.addAttribute("editing", true);
			return "rating/task";
		}
	}

	/**
	 * The rater's session, if their study lets them change answers; not found otherwise.
	 */
	private RaterSession editable(String token, Model model) {
		RaterSession session = this.engine.resolve(token);
		if (!session.study().allowEdit()) {
			throw RatingException.notFound();
		}
		model.addAttribute("token", token);
		model.addAttribute("study", RaterStudyView.of(session.study(), this.studies.criteria(session.study().id())));
		return session;
	}

}
