package dev.pairwise.bundle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import tools.jackson.core.JsonGenerator;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes sections of a study bundle from queries, streaming row by row so that a study of
 * millions of judgments fits in a small heap. Each feature writes its own sections
 * through it; the helpers spell values the way every section spells them.
 */
public final class BundleWriter {

	private static final int FETCH_SIZE = 1000;

	private final JsonGenerator g;

	public BundleWriter(JsonGenerator g) {
		this.g = g;
	}

	/** Writes one object of the bundle from the single row of the query. */
	public void object(String name, JdbcClient.StatementSpec query, RowWriter row) {
		this.g.writeName(name);
		query.query((ResultSet rs) -> {
			this.g.writeStartObject();
			row.write(this.g, rs);
			this.g.writeEndObject();
		});
	}

	/**
	 * Writes one array of the bundle, an object per row of the query in the query's
	 * order, reading the rows in batches.
	 */
	public void array(String name, JdbcClient.StatementSpec query, RowWriter row) {
		this.g.writeArrayPropertyStart(name);
		query.withFetchSize(FETCH_SIZE).query((ResultSet rs) -> {
			this.g.writeStartObject();
			row.write(this.g, rs);
			this.g.writeEndObject();
		});
		this.g.writeEndArray();
	}

	/**
	 * A column that holds JSON text (exemplars, meta), written as JSON rather than a
	 * string.
	 */
	public static void rawJson(JsonGenerator g, String name, String json) {
		g.writeName(name);
		if (json == null) {
			g.writeNull();
		}
		else {
			g.writeRawValue(json);
		}
	}

	/** A timestamp column as an ISO-8601 instant, or null. */
	public static void instant(JsonGenerator g, String name, ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		g.writeStringProperty(name, (value != null) ? value.toInstant().toString() : null);
	}

	/** A number or boolean column that may be null. */
	public static void nullable(JsonGenerator g, String name, ResultSet rs, String column) throws SQLException {
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

	/** Writes the fields of one row. */
	@FunctionalInterface
	public interface RowWriter {

		void write(JsonGenerator g, ResultSet rs) throws SQLException;

	}

}
