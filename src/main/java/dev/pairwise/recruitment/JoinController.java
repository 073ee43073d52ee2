package dev.pairwise.recruitment;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The recruitment link a platform sends its participants to: enrols them (or finds them)
 * and sends them on to their own rater page; a full, paused, closed or malformed link
 * gets a page that says so.
 */
@Controller
class JoinController {

	private final Enrolments enrolments;

	JoinController(Enrolments enrolments) {
		this.enrolments = enrolments;
	}

	@GetMapping("/join/{slug}")
	String join(@PathVariable String slug, @RequestParam Map<String, String> query, Model model,
			HttpServletResponse response) {
		Enrolments.Outcome outcome = this.enrolments.enrol(slug, query);
		// Each arrival is decided afresh; no copy may stand in for it.
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (outcome.token() != null) {
			return "redirect:/r/" + outcome.token();
		}
		response.setStatus(outcome.status().value());
		model.addAttribute("messageKey", outcome.messageKey());
		return "recruitment/refused";
	}

}
