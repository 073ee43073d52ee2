package dev.pairwise.bundle;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;

import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import tools.jackson.databind.JsonNode;

/**
 * One object of a bundle, read field by field: each problem is reported with the line the
 * object starts on and a field path such as {@code judgments[12].winner}.
 */
public final class BundleElement {

	private final JsonNode node;

	private final int line;

	private final String path;

	private final ImportErrors errors;

	public BundleElement(JsonNode node, int line, String path, ImportErrors errors) {
		this.node = node;
		this.line = line;
		this.path = path;
		this.errors = errors;
		if (!node.isObject()) {
			error(null, "must be a JSON object");
		}
	}

	public int line() {
		return this.line;
	}

	/** A string; null when absent or null, and then an error if required or empty. */
	public String text(String field, boolean required) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		if (!value.isString()) {
			error(field, "must be a string");
			return null;
		}
		if (required && value.asString().isEmpty()) {
			error(field, "must not be empty");
		}
		return value.asString();
	}

	/** A string that must be one of {@code allowed} (or null when not required). */
	public String oneOf(String field, Collection<String> allowed, boolean required) {
		String value = text(field, required);
		if (value != null && !allowed.contains(value)) {
			error(field, "'" + value + "' is not one of " + String.join(", ", allowed));
			return null;
		}
		return value;
	}

	public Long number(String field, boolean required) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			error(field, "must be a whole number");
			return null;
		}
		return value.asLong();
	}

	public Integer integer(String field, boolean required) {
		Long value = number(field, required);
		if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
			error(field, "is out of range");
			return null;
		}
		return (value != null) ? value.intValue() : null;
	}

	public Double decimal(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || !value.isNumber()) {
			error(field, "must be a number");
			return null;
		}
		return value.asDouble();
	}

	public Boolean bool(String field, boolean required) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		if (!value.isBoolean()) {
			error(field, "must be true or false");
			return null;
		}
		return value.asBoolean();
	}

	public Instant instant(String field, boolean required) {
		String value = text(field, required);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			error(field, "must be an ISO-8601 instant such as 2024-05-01T12:00:00Z");
			return null;
		}
	}

	/** A JSON value stored as text (exemplars, meta); null when absent or null. */
	public String json(String field) {
		JsonNode value = this.node.get(field);
		return (value == null || value.isNull()) ? null : value.toString();
	}

	public JsonNode get(String field) {
		return this.node.get(field);
	}

	/**
	 * The new id of the row a field refers to by its ref; null, with an error, when the
	 * bundle has no such row.
	 */
	public Long reference(String field, IdMap ids, boolean required) {
		Long ref = number(field, required);
		if (ref == null) {
			return null;
		}
		long id = ids.get(ref);
		if (id < 0) {
			error(field, "refers to " + field + " " + ref + ", which the bundle does not have");
			return null;
		}
		return id;
	}

	public void error(String field, String message) {
		this.errors
			.add(new ImportError(this.line, null, (field != null) ? this.path + "." + field : this.path, message));
	}

}
