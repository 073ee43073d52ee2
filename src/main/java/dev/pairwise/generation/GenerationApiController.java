package dev.pairwise.generation;

import java.util.Map;

import dev.pairwise.generation.GenerationRepository.Run;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class GenerationApiController {

	private final GenerationService service;

	private final GenerationRepository repository;

	GenerationApiController(GenerationService service, GenerationRepository repository) {
		this.service = service;
		this.repository = repository;
	}

	/** Starts a run; it goes on in the background, watched through its status. */
	@PostMapping("/api/generations")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Long> start(@RequestBody GenerationRequest request) {
		return Map.of("id", this.service.start(request));
	}

	@GetMapping("/api/generations/{id}")
	RunStatus status(@PathVariable long id) {
		return RunStatus.of(find(id));
	}

	@PostMapping("/api/generations/{id}/cancel")
	RunStatus cancel(@PathVariable long id) {
		this.service.cancel(id);
		return RunStatus.of(find(id));
	}

	private Run find(long id) {
		return this.repository.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no generation run " + id));
	}

	/**
	 * A run's state and counts; {@code message} says why it failed (the endpoint's own
	 * words) or what to know about a finished one, and is null otherwise. Never the key.
	 */
	record RunStatus(String state, int done, int total, int errors, long promptTokens, long completionTokens,
			String message) {

		static RunStatus of(Run run) {
			return new RunStatus(run.state(), run.done(), run.total(), run.errors(), run.promptTokens(),
					run.completionTokens(), run.message());
		}

	}

}
