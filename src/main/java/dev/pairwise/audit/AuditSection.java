package dev.pairwise.audit;

import java.time.Instant;

import dev.pairwise.bundle.BundleElement;
import dev.pairwise.bundle.BundleWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The study bundle's {@code audit} section: the log's entries about the study, oldest
 * first, so that a moved study keeps the record of who built and ran it. A bundle without
 * the section has none; the import itself is recorded as a new entry.
 */
@Component
public class AuditSection {

	private final JdbcClient jdbc;

	private final AuditRepository entries;

	AuditSection(JdbcClient jdbc, AuditRepository entries) {
		this.jdbc = jdbc;
		this.entries = entries;
	}

	public void write(BundleWriter out, long studyId) {
		out.array("audit", this.jdbc.sql("select * from audit_entry where study_id = ? order by at, id").param(studyId),
				(g, rs) -> {
					BundleWriter.instant(g, "at", rs, "at");
					g.writeStringProperty("actor", rs.getString("actor"));
					g.writeStringProperty("tokenName", rs.getString("token_name"));
					g.writeStringProperty("address", rs.getString("address"));
					g.writeStringProperty("action", rs.getString("action"));
					g.writeStringProperty("target", rs.getString("target"));
					g.writeStringProperty("detail", rs.getString("detail"));
					BundleWriter.nullable(g, "status", rs, "status");
				});
	}

	/** Stores one entry of the study being imported as {@code studyId}. */
	public void read(BundleElement entry, long studyId) {
		Instant at = entry.instant("at", true);
		String actor = text(entry, "actor", AuditRepository.ACTOR, true);
		String tokenName = text(entry, "tokenName", AuditRepository.ACTOR, false);
		String address = text(entry, "address", AuditRepository.ADDRESS, true);
		String action = text(entry, "action", AuditRepository.ACTION, true);
		String target = text(entry, "target", AuditRepository.TARGET, true);
		String detail = text(entry, "detail", AuditRepository.DETAIL, false);
		Integer status = entry.integer("status", false);
		if (status != null && (status < 100 || status > 599)) {
			entry.error("status", "must be an HTTP status, from 100 to 599");
			return;
		}
		if (at != null && actor != null && address != null && action != null && target != null) {
			this.entries.insert(
					new AuditEntry(0, at, actor, tokenName, address, action, target, detail, studyId, status),
					new GeneratedKeyHolder());
		}
	}

	/** A text field within its length, without NUL; null (with an error) otherwise. */
	private static String text(BundleElement entry, String field, int max, boolean required) {
		String value = entry.text(field, required);
		if (value == null) {
			return null;
		}
		if (value.length() > max) {
			entry.error(field, "must be at most " + max + " characters");
			return null;
		}
		if (value.indexOf('\0') >= 0) {
			entry.error(field, "must not contain the NUL character");
			return null;
		}
		return value;
	}

}
