package dev.pairwise.recruitment;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A participant's pages before and after the tasks: consent, the practice questions with
 * feedback after each, the warning after a failed attention check (under the warn
 * policy), the screen-out page and the end page with the completion code. Each one sends
 * a participant who is elsewhere in their path back to {@code /r/{token}}, which knows
 * where they are. Nothing here names a model.
 */
@Controller
class ParticipantPageController {

	private final ParticipantSteps steps;

	ParticipantPageController(ParticipantSteps steps) {
		this.steps = steps;
	}

	@GetMapping("/r/{token}/consent")
	String consentPage(@PathVariable String token, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			if (context.participant().consentAt() != null) {
				return "redirect:/r/" + token;
			}
			return "recruitment/consent";
		});
	}

	@PostMapping("/r/{token}/consent")
	String consent(@PathVariable String token, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			this.steps.consent(context);
			return "redirect:/r/" + token;
		});
	}

	@GetMapping("/r/{token}/qualification")
	String question(@PathVariable String token, @RequestParam(required = false) Integer answered, Model model,
			HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			if (context.participant().consentAt() == null) {
				return "redirect:/r/" + token;
			}
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			int given = context.participant().qualificationAnswers().size();
			if (answered != null && answered >= 0 && answered < given) {
				Question question = context.link().questions().get(answered);
				String answer = context.participant().qualificationAnswers().get(answered);
				model.addAttribute("question", question);
				model.addAttribute("answer", answer);
				model.addAttribute("matched", question.answer().equals(answer));
				model.addAttribute("number", answered + 1);
				model.addAttribute("last", given == context.link().questions().size());
				return "recruitment/feedback";
			}
			return this.steps.nextQuestion(context).map((task) -> {
				model.addAttribute("practice", task);
				model.addAttribute("number", given + 1);
				model.addAttribute("index", given);
				return "recruitment/question";
			}).orElse("redirect:/r/" + token);
		});
	}

	/**
	 * Records the answer to question {@code question} (from 0) when it is the one due: an
	 * answer sent again, from a second tab or by a double click, is the answer to a
	 * question already answered and changes nothing. Either way the participant sees the
	 * feedback on the question they answered.
	 */
	@PostMapping("/r/{token}/qualification")
	String answer(@PathVariable String token, @RequestParam(required = false) Integer question,
			@RequestParam(required = false) String answer, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			if (context.participant().consentAt() == null) {
				return "redirect:/r/" + token;
			}
			int due = context.participant().qualificationAnswers().size();
			if (question == null || question < 0 || question > due) {
				return "redirect:/r/" + token + "/qualification";
			}
			if (question == due) {
				this.steps.answer(context, answer);
			}
			return "redirect:/r/" + token + "/qualification?answered=" + question;
		});
	}

	@GetMapping("/r/{token}/attention-warning")
	String attentionWarning(@PathVariable String token, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			if (!this.steps.warningOwed(context)) {
				return "redirect:/r/" + token;
			}
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			return "recruitment/attention-warning";
		});
	}

	@PostMapping("/r/{token}/attention-warning")
	String attentionWarningRead(@PathVariable String token, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			this.steps.warningRead(context);
			return "redirect:/r/" + token + "/task";
		});
	}

	@GetMapping("/r/{token}/screened-out")
	String screenedOut(@PathVariable String token, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			if (!context.participant().screenedOut()) {
				return "redirect:/r/" + token;
			}
			model.addAttribute("completion", this.steps.completion(context).orElseThrow());
			return "recruitment/screened-out";
		});
	}

	@GetMapping("/r/{token}/complete")
	String complete(@PathVariable String token, Model model, HttpServletResponse response) {
		return withContext(token, model, response, (context) -> {
			Optional<ParticipantSteps.Completion> completion = this.steps.completion(context);
			if (completion.isEmpty() || context.participant().screenedOut()) {
				return "redirect:/r/" + token;
			}
			model.addAttribute("completion", completion.get());
			return "recruitment/complete";
		});
	}

	private String withContext(String token, Model model, HttpServletResponse response, Page page) {
		Optional<ParticipantSteps.Context> context = this.steps.resolve(token);
		if (context.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("messageKey", "recruit.unknown");
			return "recruitment/refused";
		}
		model.addAttribute("token", token);
		model.addAttribute("consent", context.get().link().consent());
		model.addAttribute("estimatedMinutes", context.get().link().estimatedMinutes());
		// A visitor of an open link came from no platform and has no id of their own to
		// hear of.
		model.addAttribute("openLink", context.get().link().generateParticipantIds());
		return page.render(context.get());
	}

	@FunctionalInterface
	private interface Page {

		String render(ParticipantSteps.Context context);

	}

}
