package dev.pairwise.importing;

import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of a JSON Lines file, parsed to an object, with typed field access that
 * records a precise error (line, field, what is wrong) instead of throwing.
 */
public final class JsonLine {

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** How Jackson names the setting behind a limit, which means nothing to a user. */
	private static final Pattern INTERNALS = Pattern.compile(",? (?:from|by) `[A-Za-z.]+\\(\\)`|\\s*\\(by `[^`]*`\\)");

	private final int line;

	private final JsonNode node;

	private final ImportErrors errors;

	private JsonLine(int line, JsonNode node, ImportErrors errors) {
		this.line = line;
		this.node = node;
		this.errors = errors;
	}

	/**
	 * Parses a line; records an error and returns {@code null} when it is not a JSON
	 * object.
	 */
	public static JsonLine parse(int line, String text, ImportErrors errors) {
		try {
			JsonNode node = STRICT.readTree(text);
			if (node == null || !node.isObject()) {
				errors.add(ImportError.atLine(line, null, "expected a JSON object on this line"));
				return null;
			}
			return new JsonLine(line, node, errors);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			Integer column = (location != null && location.getColumnNr() > 0) ? location.getColumnNr() : null;
			errors.add(new ImportError(line, column, null, problem(ex)));
			return null;
		}
	}

	/**
	 * What is wrong with a JSON text, in words for the person who sent it: a limit of the
	 * parser is named by what it bounds, not by the parser setting that holds it.
	 */
	public static String problem(JacksonException ex) {
		String message = INTERNALS.matcher(ex.getOriginalMessage()).replaceAll("");
		if (ex instanceof StreamConstraintsException) {
			return "invalid JSON: " + Character.toLowerCase(message.charAt(0)) + message.substring(1);
		}
		return "invalid JSON: " + message;
	}

	public int line() {
		return this.line;
	}

	/**
	 * A string field that must be present and not blank; {@code null} after recording why
	 * not.
	 */
	public String requiredText(String field) {
		return requiredText(field, Integer.MAX_VALUE);
	}

	/**
	 * A string field that must be present, not blank, and storable in a column of
	 * {@code maxLength} characters; {@code null} after recording why not.
	 */
	public String requiredText(String field, int maxLength) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			this.errors.add(ImportError.atLine(this.line, field, "required field is missing"));
			return null;
		}
		if (!value.isString()) {
			this.errors.add(ImportError.atLine(this.line, field, "must be a string, not " + describe(value)));
			return null;
		}
		if (value.stringValue().isBlank()) {
			this.errors.add(ImportError.atLine(this.line, field, "required field is empty"));
			return null;
		}
		return storable(field, value.stringValue(), maxLength);
	}

	/**
	 * A string field that must be present but may be empty or only whitespace (a model's
	 * empty answer is still an answer), storable in a column of {@code maxLength}
	 * characters; {@code null} after recording why not.
	 */
	public String presentText(String field, int maxLength) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			this.errors.add(ImportError.atLine(this.line, field, "required field is missing"));
			return null;
		}
		if (!value.isString()) {
			this.errors.add(ImportError.atLine(this.line, field, "must be a string, not " + describe(value)));
			return null;
		}
		return storable(field, value.stringValue(), maxLength);
	}

	/**
	 * A string field that may be absent or null, and is storable in a column of
	 * {@code maxLength} characters; {@code null} then, or after recording why not.
	 */
	public String optionalText(String field, int maxLength) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			this.errors.add(ImportError.atLine(this.line, field, "must be a string or null, not " + describe(value)));
			return null;
		}
		return storable(field, value.stringValue(), maxLength);
	}

	/**
	 * The JSON text of a field's value, if storable in a column of {@code maxLength}
	 * characters; {@code null} after recording why not.
	 */
	public String jsonText(String field, JsonNode value, int maxLength) {
		String json = value.toString();
		if (json.length() > maxLength) {
			this.errors
				.add(ImportError.atLine(this.line, field, "is longer than " + maxLength + " characters as JSON"));
			return null;
		}
		return json;
	}

	/** The raw value of a field, or {@code null} when absent or JSON null. */
	public JsonNode value(String field) {
		JsonNode value = this.node.get(field);
		return (value == null || value.isNull()) ? null : value;
	}

	private String storable(String field, String text, int maxLength) {
		String problem = TextLimits.problem(text, maxLength);
		if (problem != null) {
			this.errors.add(ImportError.atLine(this.line, field, problem));
			return null;
		}
		return text;
	}

	public void error(String field, String message) {
		this.errors.add(ImportError.atLine(this.line, field, message));
	}

	private static String describe(JsonNode value) {
		if (value.isNumber()) {
			return "a number";
		}
		if (value.isBoolean()) {
			return "a boolean";
		}
		if (value.isArray()) {
			return "an array";
		}
		if (value.isObject()) {
			return "an object";
		}
		return value.getNodeType().toString().toLowerCase();
	}

}
