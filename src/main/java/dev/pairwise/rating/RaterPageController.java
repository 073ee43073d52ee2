package dev.pairwise.rating;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

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
 * The rater's pages: the instructions, then one task per page, and one final page for
 * each way the work can end (study not open yet, closed, quota reached, nothing left), so
 * that no button leads to a page that only repeats itself. The forms work without
 * JavaScript; {@code rate.js} adds the keyboard, the timer, raw text and the lease
 * warning. Nothing on these pages names a model.
 */
@Controller
class RaterPageController {

	/** The short confirmations the task page shows after the rater's last action. */
	static final Set<String> CONFIRMATIONS = Set.of("saved", "skipped", "flagged", "edited");

	/** Refusals a second try may get past; the others end the rater's work for now. */
	private static final Set<String> RETRYABLE = Set.of("rate.error.busy", "rate.error.crowded",
			"rate.error.expiredFull", "rate.error.skipped", "rate.error.alreadyJudged");

	private final AssignmentEngine engine;

	private final RaterProgress progress;

	private final Optional<RaterAdmission> admission;

	private final Studies studies;

	private final RatingLoop loop;

	RaterPageController(AssignmentEngine engine, RatingLoop loop, RaterProgress progress,
			Optional<RaterAdmission> admission, Studies studies) {
		this.loop = loop;
		this.admission = admission;
		this.studies = studies;
		this.engine = engine;
		this.progress = progress;
	}

	@GetMapping("/r/{token}")
	String welcome(@PathVariable String token, Model model, HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			String closed = closedMessage(session.study());
			if (closed != null) {
				return finalMessage(closed, model, session);
			}
			Optional<String> step = stepBeforeTasks(session);
			if (step.isPresent()) {
				return "redirect:/r/" + token + "/" + step.get();
			}
			TaskView.Progress progress = this.progress.of(session);
			model.addAttribute("progress", progress);
			if (!this.progress.holdsTask(session)
					&& (this.progress.quotaReached(session.rater()) || this.progress.remaining(session, false) == 0)) {
				return done(model, session, progress);
			}
			return "rating/welcome";
		});
	}

	@GetMapping("/r/{token}/task")
	String task(@PathVariable String token, @RequestParam(required = false) String confirm, Model model,
			HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			Optional<String> step = session.study().isOpen() ? stepBeforeTasks(session) : Optional.empty();
			if (step.isPresent()) {
				return "redirect:/r/" + token + "/" + step.get();
			}
			Optional<TaskView> task = this.engine.next(session);
			if (task.isEmpty()) {
				return done(model, session, this.progress.of(session));
			}
			// The page is the rater's current task, never a copy Back could bring up
			// later.
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("task", task.get());
			if (confirm != null && CONFIRMATIONS.contains(confirm)) {
				model.addAttribute("confirmation", confirm);
			}
			return "rating/task";
		});
	}

	@PostMapping("/r/{token}/task")
	String submit(@PathVariable String token, JudgmentCommand posted, @RequestParam MultiValueMap<String, String> form,
			Model model, HttpServletResponse response) {
		JudgmentCommand command = posted.withCriteria(CriterionCommand.fromForm(form));
		return withSession(token, model, response, (session) -> {
			try {
				// The answer and the next task in one transaction, shown at once: one
				// request per judgment (rate.js keeps a reload from posting it again).
				Optional<TaskView> next = Optional.ofNullable(this.loop.judgeAndNext(token, command).next());
				if (next.isEmpty()) {
					return "redirect:/r/" + token + "/task?confirm=saved";
				}
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
				model.addAttribute("task", next.get());
				model.addAttribute("confirmation", "saved");
				return "rating/task";
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
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
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
			return "redirect:/r/" + token + "/task?confirm=skipped";
		});
	}

	@PostMapping("/r/{token}/flag")
	String flag(@PathVariable String token, @RequestParam long assignmentId,
			@RequestParam(required = false) String note, Model model, HttpServletResponse response) {
		return withSession(token, model, response, (session) -> {
			this.engine.flag(session, assignmentId, note);
			return "redirect:/r/" + token + "/task?confirm=flagged";
		});
	}

	/**
	 * The end of the rater's work: their quota, or nothing left for them; when others
	 * finished the pool before the rater reached the target they were shown, the page
	 * says so.
	 */
	private String done(Model model, RaterSession session, TaskView.Progress progress) {
		Optional<String> endPage = this.admission.flatMap((gate) -> gate.endPage(session.rater().id()));
		if (endPage.isPresent()) {
			return "redirect:/r/" + model.getAttribute("token") + "/" + endPage.get();
		}
		model.addAttribute("progress", progress);
		model.addAttribute("quotaReached", this.progress.quotaReached(session.rater()));
		model.addAttribute("poolShrank", progress.done() < progress.target());
		return "rating/done";
	}

	private Optional<String> stepBeforeTasks(RaterSession session) {
		return this.admission.flatMap((gate) -> gate.stepBeforeTasks(session.rater().id()));
	}

	private static String finalMessage(String messageKey, Model model, RaterSession session) {
		model.addAttribute("messageKey", messageKey);
		model.addAttribute("final", true);
		return "rating/message";
	}

	private static String closedMessage(Study study) {
		return switch (study.state()) {
			case DRAFT -> "rate.error.notOpen";
			case CLOSED -> "rate.error.closed";
			case OPEN -> null;
		};
	}

	/**
	 * Resolves the token and runs the page; a refusal becomes a page with its status,
	 * which offers to try again only where trying again can help.
	 */
	private String withSession(String token, Model model, HttpServletResponse response, Page page) {
		try {
			RaterSession session = this.engine.resolve(token);
			model.addAttribute("token", token);
			model.addAttribute("study",
					RaterStudyView.of(session.study(), this.studies.criteria(session.study().id())));
			return page.render(session);
		}
		catch (RatingException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("messageKey", ex.messageKey());
			model.addAttribute("token", token);
			model.addAttribute("retryable", RETRYABLE.contains(ex.messageKey()));
			return "rating/message";
		}
	}

	@FunctionalInterface
	private interface Page {

		String render(RaterSession session);

	}

}
