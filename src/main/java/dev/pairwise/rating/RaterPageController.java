package dev.pairwise.rating;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The rater's pages: the instructions, then one task per page. The forms work without
 * JavaScript; {@code rate.js} adds the keyboard, the timer, raw text and scrolling
 * together. Nothing on these pages names a model.
 */
@Controller
class RaterPageController {

	private final AssignmentEngine engine;

	private final Answers answers;

	private final RaterProgress progress;

	RaterPageController(AssignmentEngine engine, Answers answers, RaterProgress progress) {
		this.engine = engine;
		this.answers = answers;
		this.progress = progress;
	}

	@GetMapping("/r/{token}")
	String welcome(@PathVariable String token, Model model, HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			model.addAttribute("progress", this.progress.of(session));
			return "rating/welcome";
		});
	}

	@GetMapping("/r/{token}/task")
	String task(@PathVariable String token, Model model, HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			Optional<TaskView> task = this.engine.next(session);
			if (task.isEmpty()) {
				model.addAttribute("progress", this.progress.of(session));
				model.addAttribute("quotaReached", this.progress.quotaReached(session.rater()));
				return "rating/done";
			}
			model.addAttribute("task", task.get());
			return "rating/task";
		});
	}

	@PostMapping("/r/{token}/task")
	String submit(@PathVariable String token, JudgmentCommand command, Model model, HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			try {
				this.answers.submit(session, command);
				return "redirect:/r/" + token + "/task";
			}
			catch (RatingException ex) {
				if (ex.getStatusCode().value() != HttpStatus.BAD_REQUEST.value()) {
					throw ex;
				}
				Optional<TaskView> task = this.engine.next(session);
				if (task.isEmpty()) {
					return "redirect:/r/" + token + "/task";
				}
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				model.addAttribute("task", task.get());
				model.addAttribute("answerError", ex.messageKey());
				model.addAttribute("answer", command);
				return "rating/task";
			}
		});
	}

	@PostMapping("/r/{token}/skip")
	String skip(@PathVariable String token, @RequestParam long assignmentId, Model model,
			HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			this.engine.skip(session, assignmentId);
			return "redirect:/r/" + token + "/task";
		});
	}

	@PostMapping("/r/{token}/flag")
	String flag(@PathVariable String token, @RequestParam long assignmentId,
			@RequestParam(required = false) String note, Model model, HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			this.engine.flag(session, assignmentId, note);
			return "redirect:/r/" + token + "/task";
		});
	}

	/**
	 * Resolves the token and runs the page; a refusal becomes a friendly page with its
	 * status.
	 */
	private String withSession(String token, Model model, HttpServletResponse response, Page page) {
		try {
			RaterSession session = this.engine.resolve(token);
			model.addAttribute("token", token);
			model.addAttribute("study", RaterStudyView.of(session.study()));
			return page.render(session);
		}
		catch (RatingException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("messageKey", ex.messageKey());
			model.addAttribute("token", token);
			return "rating/message";
		}
	}

	@FunctionalInterface
	private interface Page {

		String render(RaterSession session);

	}

}
