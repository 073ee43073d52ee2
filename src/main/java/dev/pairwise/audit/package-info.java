/**
 * The audit log: who (an account, and which of its API tokens), when, from which address,
 * what action on what target, and with what outcome, for every state-changing request an
 * admin-side account or token makes. Writes {@code audit_entry}. One interceptor records
 * every such request of the admin side (every POST, PUT, PATCH and DELETE that reaches a
 * controller), so that a new endpoint cannot be missed; the row is written before the
 * change runs and given its outcome after. Owners read it at {@code /audit} and
 * {@code GET /api/audit}; a study's entries travel in its bundle's {@code audit} section
 * ({@link dev.pairwise.audit.AuditSection}).
 */
@ApplicationModule(allowedDependencies = { "bundle", "config" })
package dev.pairwise.audit;

import org.springframework.modulith.ApplicationModule;
