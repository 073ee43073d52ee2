package dev.pairwise.study;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.pairwise.study.Raters.NewInvite;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/studies")
class StudyApiController {

	private static final int MAX_INVITES_AT_ONCE = 1000;

	private final StudyService service;

	private final Studies studies;

	private final Raters raters;

	private final PublicUrl publicUrl;

	StudyApiController(StudyService service, Studies studies, Raters raters, PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
		this.service = service;
		this.studies = studies;
		this.raters = raters;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> create(@RequestBody StudyCommand command) {
		StudyService.StudyCreated created = this.service.create(command);
		return ResponseEntity.created(URI.create("/api/studies/" + created.id()))
			.body(Map.of("id", created.id(), "tasks", created.tasks(), "attentionChecks", created.attentionChecks()));
	}

	/** The studies, without the archived ones; {@code ?archived=true}: only those. */
	@GetMapping
	List<Study> list(@RequestParam(defaultValue = "false") boolean archived) {
		return archived ? this.studies.archived() : this.studies.list();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.service.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/archive")
	Map<String, Object> archive(@PathVariable long id) {
		this.service.archive(id, true);
		return Map.of("id", id, "archived", true);
	}

	@PostMapping("/{id}/restore")
	Map<String, Object> restore(@PathVariable long id) {
		this.service.archive(id, false);
		return Map.of("id", id, "archived", false);
	}

	@GetMapping("/{id}")
	Study get(@PathVariable long id) {
		return this.service.find(id);
	}

	@PostMapping("/{id}/open")
	Map<String, Object> open(@PathVariable long id) {
		this.service.open(id);
		return Map.of("id", id, "state", this.service.find(id).state().id());
	}

	@PostMapping("/{id}/close")
	Map<String, Object> close(@PathVariable long id) {
		this.service.close(id);
		return Map.of("id", id, "state", this.service.find(id).state().id());
	}

	@PostMapping("/{id}/invites")
	ResponseEntity<List<InviteJson>> invite(@PathVariable long id, @RequestBody InviteCommand command) {
		this.service.find(id);
		int count = (command.count() != null) ? command.count() : 1;
		if (count < 1 || count > MAX_INVITES_AT_ONCE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"count must be between 1 and " + MAX_INVITES_AT_ONCE);
		}
		if (command.quota() != null && command.quota() < 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "quota must be at least 1 when given");
		}
		String base = this.publicUrl.base();
		List<InviteJson> invites = this.raters.create(id, count, command.label(), command.quota())
			.stream()
			.map((invite) -> InviteJson.of(invite, base))
			.toList();
		return ResponseEntity.status(HttpStatus.CREATED).body(invites);
	}

	@GetMapping("/{id}/invites")
	List<Rater> invites(@PathVariable long id) {
		this.service.find(id);
		return this.raters.list(id);
	}

	@PostMapping("/{id}/invites/{raterId}/revoke")
	Map<String, Object> revoke(@PathVariable long id, @PathVariable long raterId) {
		boolean known = this.raters.list(id).stream().anyMatch((rater) -> rater.id() == raterId);
		if (!known) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No rater " + raterId + " in study " + id);
		}
		this.raters.revoke(id, raterId);
		return Map.of("raterId", raterId, "revoked", true);
	}

	record InviteCommand(Integer count, String label, Integer quota) {
	}

	record InviteJson(long raterId, String label, String url) {

		static InviteJson of(NewInvite invite, String base) {
			return new InviteJson(invite.raterId(), invite.label(), invite.url(base));
		}

	}

}
