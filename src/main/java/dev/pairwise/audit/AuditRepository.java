package dev.pairwise.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code audit_entry} table: written once per change, read newest first. */
@Repository
class AuditRepository {

	static final int ACTOR = 100;

	static final int ADDRESS = 64;

	static final int ACTION = 300;

	static final int TARGET = 1000;

	static final int DETAIL = 1000;

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a change about to run; its id, to give it its outcome. */
	long begin(AuditEntry entry) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		insert(entry, key);
		return key.getKey().longValue();
	}

	void insert(AuditEntry entry, GeneratedKeyHolder key) {
		this.jdbc.sql("""
				insert into audit_entry (at, actor, token_name, address, action, target, detail, study_id, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(entry.at()), entry.actor(), entry.tokenName(), entry.address(), entry.action(),
					entry.target(), entry.detail(), entry.study(), entry.status())
			.update(key, "id");
	}

	/**
	 * The outcome of a change; the study it made, when it was not known before (a study
	 * created or imported).
	 */
	void finish(long id, int status, Long study) {
		this.jdbc.sql("update audit_entry set status = ?, study_id = coalesce(study_id, ?) where id = ?")
			.params(status, study, id)
			.update();
	}

	/**
	 * One page of entries, newest first, of one study and/or one account when given; one
	 * more than {@code size} is read, to tell whether an older page exists.
	 */
	List<AuditEntry> page(Long study, String actor, int page, int size) {
		StringBuilder sql = new StringBuilder("select * from audit_entry where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (study != null) {
			sql.append(" and study_id = ?");
			params.add(study);
		}
		if (actor != null) {
			sql.append(" and actor = ?");
			params.add(actor);
		}
		sql.append(" order by id desc offset ? rows fetch next ? rows only");
		params.add((long) page * size);
		params.add(size + 1);
		return this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> entry(rs)).list();
	}

	static AuditEntry entry(ResultSet rs) throws SQLException {
		long study = rs.getLong("study_id");
		Long studyId = rs.wasNull() ? null : study;
		int status = rs.getInt("status");
		Integer outcome = rs.wasNull() ? null : status;
		return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
				rs.getString("token_name"), rs.getString("address"), rs.getString("action"), rs.getString("target"),
				rs.getString("detail"), studyId, outcome);
	}

}
