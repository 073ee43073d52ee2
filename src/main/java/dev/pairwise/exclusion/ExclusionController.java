package dev.pairwise.exclusion;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The results page's exclude and include buttons (forms with the CSRF token). */
@Controller
@RequestMapping("/studies/{id}/raters/{raterId}")
class ExclusionController {

	private final RaterExclusions exclusions;

	ExclusionController(RaterExclusions exclusions) {
		this.exclusions = exclusions;
	}

	@PostMapping("/exclude")
	String exclude(@PathVariable long id, @PathVariable long raterId, @RequestParam(required = false) String reason) {
		this.exclusions.exclude(id, raterId, reason);
		return "redirect:/studies/" + id + "/results#raters";
	}

	@PostMapping("/include")
	String include(@PathVariable long id, @PathVariable long raterId) {
		this.exclusions.include(id, raterId);
		return "redirect:/studies/" + id + "/results#raters";
	}

}
