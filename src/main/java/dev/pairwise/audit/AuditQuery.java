package dev.pairwise.audit;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which entries to show: one study's and/or one account's, one page of them (newest
 * first). Pages count from 0.
 */
record AuditQuery(Long study, String user, int page, int size) {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	static AuditQuery of(Long study, String user, Integer page, Integer size) {
		int pageNumber = (page != null) ? page : 0;
		int pageSize = (size != null) ? size : DEFAULT_SIZE;
		if (pageNumber < 0 || pageNumber > 1_000_000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page: from 0 to 1000000");
		}
		if (pageSize < 1 || pageSize > MAX_SIZE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "size: from 1 to " + MAX_SIZE);
		}
		return new AuditQuery(study, (user == null || user.isBlank()) ? null : user.strip(), pageNumber, pageSize);
	}

	/** The page's entries, and whether an older page exists. */
	AuditPage read(AuditRepository entries) {
		List<AuditEntry> read = entries.page(this.study, this.user, this.page, this.size);
		boolean more = read.size() > this.size;
		return new AuditPage(more ? read.subList(0, this.size) : read, this.page, this.size, more);
	}

	record AuditPage(List<AuditEntry> entries, int page, int size, boolean more) {
	}

}
