package dev.pairwise.transfer;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a study as one JSON bundle, streaming row by row so that a study of millions of
 * judgments fits in a small heap. Everything is read in one repeatable-read transaction:
 * a consistent snapshot even while raters keep rating. Rows are written in id order, and
 * the import inserts them in that order, so anything that depends on the order of
 * judgments (the seeded bootstrap) gives the same figures on the copy.
 */
@Service
class StudyExporter {

	private static final int FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	StudyExporter(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The study's name, to name the file; empty when there is no such study. */
	Optional<String> studyName(long studyId) {
		return this.jdbc.sql("select name from study where id = ?").param(studyId).query(String.class).optional();
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	void export(long studyId, OutputStream out) {
		long evalSetId = this.jdbc.sql("select eval_set_id from study where id = ?")
			.param(studyId)
			.query(Long.class)
			.single();
		List<String> models = this.jdbc
			.sql("select m.name from study_model sm join model m on m.id = sm.model_id where sm.study_id = ?"
					+ " order by sm.position")
			.param(studyId)
			.query(String.class)
			.list();
		try (JsonGenerator g = this.json.createGenerator(out, JsonEncoding.UTF8)) {
			g.writeStartObject();
			g.writeStringProperty("format", Bundle.FORMAT);
			g.writeNumberProperty("version", Bundle.VERSION);
			g.writeStringProperty("exportedAt", Instant.now().toString());
			writeEvalSet(g, evalSetId);
			writeItems(g, evalSetId);
			writeOutputs(g, evalSetId, studyId);
			writeStudy(g, studyId, models);
			writeTasks(g, studyId);
			writeRaters(g, studyId);
			writeAssignments(g, studyId);
			writeJudgments(g, studyId);
			writeEdits(g, studyId);
			writeFlags(g, studyId);
			g.writeEndObject();
		}
	}

	private void writeEvalSet(JsonGenerator g, long evalSetId) {
		writeObject(g, "evalSet",
				"select name, version, title, description, source, license, created_at from eval_set where id = ?",
				(rs) -> {
					g.writeStringProperty("name", rs.getString("name"));
					g.writeStringProperty("version", rs.getString("version"));
					g.writeStringProperty("title", rs.getString("title"));
					g.writeStringProperty("description", rs.getString("description"));
					g.writeStringProperty("source", rs.getString("source"));
					g.writeStringProperty("license", rs.getString("license"));
					instant(g, "createdAt", rs, "created_at");
				}, evalSetId);
	}

	private void writeItems(JsonGenerator g, long evalSetId) {
		writeArray(g, "items", """
				select item_key, category, setting, prompt, exemplars, variant_of from item where eval_set_id = ?
				order by position""", (rs) -> {
			g.writeStringProperty("id", rs.getString("item_key"));
			g.writeStringProperty("category", rs.getString("category"));
			g.writeStringProperty("setting", rs.getString("setting"));
			g.writeStringProperty("prompt", rs.getString("prompt"));
			rawJson(g, "exemplars", rs.getString("exemplars"));
			g.writeStringProperty("variant_of", rs.getString("variant_of"));
		}, evalSetId);
	}

	private void writeOutputs(JsonGenerator g, long evalSetId, long studyId) {
		writeArray(g, "outputs", """
				select i.item_key, m.name, o.text, o.meta from output o join item i on i.id = o.item_id
				join model m on m.id = o.model_id join study_model sm on sm.model_id = o.model_id and sm.study_id = ?
				where i.eval_set_id = ? order by o.id""", (rs) -> {
			g.writeStringProperty("item_id", rs.getString("item_key"));
			g.writeStringProperty("model", rs.getString("name"));
			g.writeStringProperty("output", rs.getString("text"));
			rawJson(g, "meta", rs.getString("meta"));
		}, studyId, evalSetId);
	}

	private void writeStudy(JsonGenerator g, long studyId, List<String> models) {
		writeObject(g, "study", """
				select s.name, s.pairing, b.name as baseline, s.ratings_per_task, s.scale, s.categories, s.settings,
				  s.attention_check_rate, s.instructions, s.reason_mode, s.allow_edit, s.lease_seconds, s.state,
				  s.created_at, s.opened_at, s.closed_at
				from study s left join model b on b.id = s.baseline_model_id where s.id = ?""", (rs) -> {
			g.writeStringProperty("name", rs.getString("name"));
			g.writeName("models");
			g.writeStartArray();
			for (String model : models) {
				g.writeString(model);
			}
			g.writeEndArray();
			g.writeStringProperty("pairing", rs.getString("pairing"));
			g.writeStringProperty("baseline", rs.getString("baseline"));
			g.writeNumberProperty("ratingsPerTask", rs.getInt("ratings_per_task"));
			g.writeStringProperty("scale", rs.getString("scale"));
			g.writeStringProperty("categories", rs.getString("categories"));
			g.writeStringProperty("settings", rs.getString("settings"));
			g.writeNumberProperty("attentionCheckRate", rs.getDouble("attention_check_rate"));
			g.writeStringProperty("instructions", rs.getString("instructions"));
			g.writeStringProperty("reasonMode", rs.getString("reason_mode"));
			g.writeBooleanProperty("allowEdit", rs.getBoolean("allow_edit"));
			g.writeNumberProperty("leaseSeconds", rs.getInt("lease_seconds"));
			g.writeStringProperty("state", rs.getString("state"));
			instant(g, "createdAt", rs, "created_at");
			instant(g, "openedAt", rs, "opened_at");
			instant(g, "closedAt", rs, "closed_at");
		}, studyId);
	}

	private void writeTasks(JsonGenerator g, long studyId) {
		writeArray(g, "tasks", """
				select t.id, i.item_key, ma.name as model_a, mb.name as model_b, t.attention_kind,
				  t.attention_good_side, t.attention_text, t.needed, t.accepted, t.leased, t.shuffle
				from task t join item i on i.id = t.item_id join model ma on ma.id = t.model_a_id
				join model mb on mb.id = t.model_b_id where t.study_id = ? order by t.id""", (rs) -> {
			g.writeNumberProperty("ref", rs.getLong("id"));
			g.writeStringProperty("item_id", rs.getString("item_key"));
			g.writeStringProperty("model_a", rs.getString("model_a"));
			g.writeStringProperty("model_b", rs.getString("model_b"));
			g.writeStringProperty("attentionKind", rs.getString("attention_kind"));
			g.writeStringProperty("attentionGoodSide", rs.getString("attention_good_side"));
			g.writeStringProperty("attentionText", rs.getString("attention_text"));
			g.writeNumberProperty("needed", rs.getInt("needed"));
			g.writeNumberProperty("accepted", rs.getInt("accepted"));
			g.writeNumberProperty("leased", rs.getInt("leased"));
			g.writeNumberProperty("shuffle", rs.getInt("shuffle"));
		}, studyId);
	}

	/** Raters without their token hashes: a copy of the data opens no study. */
	private void writeRaters(JsonGenerator g, long studyId) {
		writeArray(g, "raters",
				"select id, label, quota, salt, revoked_at, created_at from rater where study_id = ? order by id",
				(rs) -> {
					g.writeNumberProperty("ref", rs.getLong("id"));
					g.writeStringProperty("label", rs.getString("label"));
					nullable(g, "quota", rs, "quota");
					g.writeNumberProperty("salt", rs.getInt("salt"));
					instant(g, "revokedAt", rs, "revoked_at");
					instant(g, "createdAt", rs, "created_at");
				}, studyId);
	}

	private void writeAssignments(JsonGenerator g, long studyId) {
		writeArray(g, "assignments", """
				select id, task_id, rater_id, left_is_a, state, leased_at, expires_at from assignment
				where study_id = ? order by id""", (rs) -> {
			g.writeNumberProperty("ref", rs.getLong("id"));
			g.writeNumberProperty("task", rs.getLong("task_id"));
			g.writeNumberProperty("rater", rs.getLong("rater_id"));
			g.writeBooleanProperty("leftIsA", rs.getBoolean("left_is_a"));
			g.writeStringProperty("state", rs.getString("state"));
			instant(g, "leasedAt", rs, "leased_at");
			instant(g, "expiresAt", rs, "expires_at");
		}, studyId);
	}

	private void writeJudgments(JsonGenerator g, long studyId) {
		writeArray(g, "judgments", """
				select j.task_id, j.assignment_id, j.rater_id, i.item_key, ma.name as model_a, mb.name as model_b,
				  j.winner, j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason, j.elapsed_ms, j.judge, j.source,
				  j.attention, j.attention_correct, j.created_at, j.updated_at
				from judgment j join item i on i.id = j.item_id join model ma on ma.id = j.model_a_id
				join model mb on mb.id = j.model_b_id where j.study_id = ? order by j.id""", (rs) -> {
			nullable(g, "task", rs, "task_id");
			nullable(g, "assignment", rs, "assignment_id");
			nullable(g, "rater", rs, "rater_id");
			g.writeStringProperty("item_id", rs.getString("item_key"));
			g.writeStringProperty("model_a", rs.getString("model_a"));
			g.writeStringProperty("model_b", rs.getString("model_b"));
			g.writeStringProperty("winner", rs.getString("winner"));
			nullable(g, "leftIsA", rs, "left_is_a");
			g.writeBooleanProperty("failA", rs.getBoolean("fail_a"));
			g.writeBooleanProperty("failB", rs.getBoolean("fail_b"));
			g.writeStringProperty("strength", rs.getString("strength"));
			g.writeStringProperty("reason", rs.getString("reason"));
			nullable(g, "elapsedMs", rs, "elapsed_ms");
			g.writeStringProperty("judge", rs.getString("judge"));
			g.writeStringProperty("source", rs.getString("source"));
			g.writeBooleanProperty("attention", rs.getBoolean("attention"));
			nullable(g, "attentionCorrect", rs, "attention_correct");
			instant(g, "createdAt", rs, "created_at");
			instant(g, "updatedAt", rs, "updated_at");
		}, studyId);
	}

	/**
	 * The audit trail of changed answers. Only raters change answers, so an edit names
	 * its judgment by the judgment's assignment.
	 */
	private void writeEdits(JsonGenerator g, long studyId) {
		writeArray(g, "edits", """
				select j.assignment_id, e.previous_winner, e.previous_fail_a, e.previous_fail_b, e.previous_strength,
				  e.previous_reason, e.edited_at
				from judgment_edit e join judgment j on j.id = e.judgment_id where j.study_id = ? order by e.id""",
				(rs) -> {
					g.writeNumberProperty("assignment", rs.getLong("assignment_id"));
					g.writeStringProperty("previousWinner", rs.getString("previous_winner"));
					g.writeBooleanProperty("previousFailA", rs.getBoolean("previous_fail_a"));
					g.writeBooleanProperty("previousFailB", rs.getBoolean("previous_fail_b"));
					g.writeStringProperty("previousStrength", rs.getString("previous_strength"));
					g.writeStringProperty("previousReason", rs.getString("previous_reason"));
					instant(g, "editedAt", rs, "edited_at");
				}, studyId);
	}

	private void writeFlags(JsonGenerator g, long studyId) {
		writeArray(g, "flags",
				"select task_id, rater_id, note, created_at from task_flag where study_id = ? order by id", (rs) -> {
					g.writeNumberProperty("task", rs.getLong("task_id"));
					g.writeNumberProperty("rater", rs.getLong("rater_id"));
					g.writeStringProperty("note", rs.getString("note"));
					instant(g, "createdAt", rs, "created_at");
				}, studyId);
	}

	/**
	 * A column that holds JSON text (exemplars, meta), written as JSON rather than a
	 * string.
	 */
	private static void rawJson(JsonGenerator g, String name, String json) {
		g.writeName(name);
		if (json == null) {
			g.writeNull();
		}
		else {
			g.writeRawValue(json);
		}
	}

	private static void instant(JsonGenerator g, String name, ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		g.writeStringProperty(name, (value != null) ? value.toInstant().toString() : null);
	}

	/** A number or boolean column that may be null. */
	private static void nullable(JsonGenerator g, String name, ResultSet rs, String column) throws SQLException {
		Object value = rs.getObject(column);
		if (value == null) {
			g.writeNullProperty(name);
		}
		else if (value instanceof Boolean bool) {
			g.writeBooleanProperty(name, bool);
		}
		else {
			g.writeNumberProperty(name, ((Number) value).longValue());
		}
	}

	/** Writes one object of the bundle from the single row of the query. */
	private void writeObject(JsonGenerator g, String name, String sql, RowWriter row, Object... params) {
		g.writeName(name);
		this.jdbc.sql(sql).params(params).query((ResultSet rs) -> {
			g.writeStartObject();
			row.write(rs);
			g.writeEndObject();
		});
	}

	/**
	 * Writes one array of the bundle, an object per row of the query in the query's
	 * order, reading the rows in batches.
	 */
	private void writeArray(JsonGenerator g, String name, String sql, RowWriter row, Object... params) {
		g.writeArrayPropertyStart(name);
		this.jdbc.sql(sql).withFetchSize(FETCH_SIZE).params(params).query((ResultSet rs) -> {
			g.writeStartObject();
			row.write(rs);
			g.writeEndObject();
		});
		g.writeEndArray();
	}

	@FunctionalInterface
	private interface RowWriter {

		void write(ResultSet rs) throws SQLException;

	}

}
