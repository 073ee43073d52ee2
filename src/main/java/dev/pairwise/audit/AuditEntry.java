package dev.pairwise.audit;

import java.time.Instant;

/**
 * One recorded change: {@code action} is the method and the endpoint's pattern
 * ({@code POST /api/studies/{id}/close}), {@code target} the path it was called on,
 * {@code detail} the request's parameters (passwords left out), {@code status} the HTTP
 * answer (null while the change runs).
 */
record AuditEntry(long id, Instant at, String actor, String tokenName, String address, String action, String target,
		String detail, Long study, Integer status) {
}
