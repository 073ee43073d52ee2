package dev.pairwise.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit}: the audit log for owners, newest first, filtered by
 * {@code study} (its id) and {@code user} (an account's name), paged by {@code page} and
 * {@code size}.
 */
@RestController
class AuditApiController {

	private final AuditRepository entries;

	AuditApiController(AuditRepository entries) {
		this.entries = entries;
	}

	@GetMapping("/api/audit")
	AuditQuery.AuditPage list(@RequestParam(required = false) Long study, @RequestParam(required = false) String user,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return AuditQuery.of(study, user, page, size).read(this.entries);
	}

}
