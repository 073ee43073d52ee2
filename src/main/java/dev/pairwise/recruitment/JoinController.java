package dev.pairwise.recruitment;

import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The recruitment link a platform sends its participants to: enrols them (or finds them)
 * and sends them on to their own rater page; a full, paused, closed or malformed link
 * gets a page that says so. On an open link a visitor without a participant id gets one,
 * kept in a cookie for this link so that coming back leads to the same rater.
 */
@Controller
class JoinController {

	static final String VISITOR_COOKIE = "pairwise-visitor";

	private static final Duration VISITOR_COOKIE_AGE = Duration.ofDays(365);

	private final Enrolments enrolments;

	JoinController(Enrolments enrolments) {
		this.enrolments = enrolments;
	}

	@GetMapping("/join/{slug}")
	String join(@PathVariable String slug, @RequestParam Map<String, String> query,
			@CookieValue(name = VISITOR_COOKIE, required = false) String visitor, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Enrolments.Outcome outcome = this.enrolments.enrol(slug, query, visitor);
		// Each arrival is decided afresh; no copy may stand in for it.
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (outcome.visitorId() != null) {
			response.addHeader(HttpHeaders.SET_COOKIE,
					ResponseCookie.from(VISITOR_COOKIE, outcome.visitorId())
						.path(request.getContextPath() + "/join/" + slug)
						.maxAge(VISITOR_COOKIE_AGE)
						.httpOnly(true)
						.secure(request.isSecure())
						.sameSite("Lax")
						.build()
						.toString());
		}
		if (outcome.token() != null) {
			return "redirect:/r/" + outcome.token();
		}
		response.setStatus(outcome.status().value());
		model.addAttribute("messageKey", outcome.messageKey());
		return "recruitment/refused";
	}

}
