package dev.pairwise.exclusion;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/studies/{id}/raters/{raterId}")
class ExclusionApiController {

	private final RaterExclusions exclusions;

	ExclusionApiController(RaterExclusions exclusions) {
		this.exclusions = exclusions;
	}

	@PostMapping("/exclude")
	RaterStanding exclude(@PathVariable long id, @PathVariable long raterId,
			@RequestBody(required = false) ExcludeCommand command) {
		return this.exclusions.exclude(id, raterId, (command != null) ? command.reason() : null);
	}

	@PostMapping("/include")
	RaterStanding include(@PathVariable long id, @PathVariable long raterId) {
		return this.exclusions.include(id, raterId);
	}

	record ExcludeCommand(String reason) {
	}

}
