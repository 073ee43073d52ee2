package dev.pairwise.recruitment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The participant's completion code for custom front ends: 200 once they have finished
 * (or were screened out, with the screen-out code), 409 before.
 */
@RestController
class CompletionApiController {

	private final ParticipantSteps steps;

	CompletionApiController(ParticipantSteps steps) {
		this.steps = steps;
	}

	@GetMapping("/api/rate/{token}/completion")
	Map<String, Object> completion(@PathVariable String token) {
		ParticipantSteps.Context context = this.steps.resolve(token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No participant of a recruitment link has this token. Check that you copied the whole link."));
		ParticipantSteps.Completion completion = this.steps.completion(context)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
					"Not finished yet: the completion code is given once the participant has done their tasks."));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("code", completion.code());
		json.put("redirectUrl", completion.redirectUrl());
		json.put("status", completion.status());
		return json;
	}

}
