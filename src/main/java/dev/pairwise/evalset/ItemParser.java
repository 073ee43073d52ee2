package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.pairwise.evalset.Conversation.Message;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.TextLimits;
import dev.pairwise.importing.Upload;
import tools.jackson.databind.JsonNode;

/**
 * Reads an items JSONL file line by line, validating every field, and hands each valid
 * item to a sink so that large files never sit in memory whole. Checks that need the
 * whole file (duplicate ids, {@code variant_of} targets) are done with the ids alone. An
 * item holds a prompt or a conversation ({@code messages}); a line of MT-Bench's
 * {@code question.jsonl} becomes one item per turn.
 */
final class ItemParser {

	/** The sizes of the item table's columns. */
	static final int MAX_ID = 200;

	static final int MAX_CATEGORY = 100;

	static final int MAX_TEXT = 1_000_000;

	private final Set<String> allowedCategories;

	/**
	 * @param allowedCategories the categories a set.json declares, or an empty set to
	 * accept any
	 */
	ItemParser(Set<String> allowedCategories) {
		this.allowedCategories = allowedCategories;
	}

	void parse(Upload upload, ImportErrors errors, Consumer<ParsedItem> sink) {
		Map<String, Integer> lineOfId = new HashMap<>();
		List<ParsedItem> variants = new ArrayList<>();
		upload.forEachLine(errors, (lineNumber, text) -> {
			if (text.isBlank()) {
				return;
			}
			for (ParsedItem item : parseLine(lineNumber, text, errors)) {
				accept(item, lineOfId, variants, errors, sink);
			}
		});
		for (ParsedItem variant : variants) {
			if (!lineOfId.containsKey(variant.variantOf())) {
				errors.add(ImportError.atLine(variant.line(), "variant_of",
						"points to item '" + variant.variantOf() + "', which is not in this file"));
			}
			else if (variant.variantOf().equals(variant.key())) {
				errors.add(ImportError.atLine(variant.line(), "variant_of", "an item cannot be a variant of itself"));
			}
		}
		if (lineOfId.isEmpty() && errors.isEmpty()) {
			errors.add(ImportError.forFile("the file holds no items"));
		}
	}

	private static void accept(ParsedItem item, Map<String, Integer> lineOfId, List<ParsedItem> variants,
			ImportErrors errors, Consumer<ParsedItem> sink) {
		Integer firstLine = lineOfId.putIfAbsent(item.key(), item.line());
		if (firstLine != null) {
			errors.add(ImportError.atLine(item.line(), "id",
					"duplicate item id '" + item.key() + "' (first used on line " + firstLine + ")"));
			return;
		}
		if (item.variantOf() != null) {
			variants.add(item);
		}
		sink.accept(item);
	}

	/**
	 * The items of one line: one for an item line, one per turn for a line of MT-Bench's
	 * {@code question.jsonl}, none after recording the line's problems.
	 */
	private List<ParsedItem> parseLine(int lineNumber, String text, ImportErrors errors) {
		JsonLine line = JsonLine.parse(lineNumber, text, errors);
		if (line == null) {
			return List.of();
		}
		if (MtBenchQuestion.isOne(line)) {
			List<ParsedItem> turns = MtBenchQuestion.items(line);
			if (!turns.isEmpty() && !categoryAllowed(line, turns.get(0).category())) {
				return List.of();
			}
			return turns;
		}
		ParsedItem item = parseItem(line);
		return (item != null) ? List.of(item) : List.of();
	}

	private ParsedItem parseItem(JsonLine line) {
		String id = line.requiredText("id", MAX_ID);
		String category = line.requiredText("category", MAX_CATEGORY);
		if (category != null && TextLimits.nameProblem(category, MAX_CATEGORY) != null) {
			line.error("category", TextLimits.nameProblem(category, MAX_CATEGORY));
			category = null;
		}
		String setting = line.requiredText("setting");
		JsonNode messagesField = line.value(MessagesField.FIELD);
		List<Message> messages = (messagesField != null) ? MessagesField.read(messagesField, line::error) : null;
		String prompt;
		if (messagesField == null) {
			prompt = line.requiredText("prompt", MAX_TEXT);
		}
		else if (line.value("prompt") != null) {
			line.error("prompt", "give either a prompt or messages, not both");
			prompt = null;
		}
		else {
			prompt = (messages != null) ? messages.get(messages.size() - 1).content() : null;
		}
		String variantOf = line.optionalText("variant_of", MAX_ID);
		String exemplars = exemplars(line);
		boolean valid = id != null && category != null && setting != null && prompt != null;
		if (setting != null && !Settings.ALL.contains(setting)) {
			line.error("setting", "unknown setting '" + setting + "'; use one of " + String.join(", ", Settings.ALL));
			valid = false;
		}
		if (category != null && !categoryAllowed(line, category)) {
			valid = false;
		}
		if (!valid) {
			return null;
		}
		if (messages == null) {
			return new ParsedItem(line.line(), id, category, setting, prompt, exemplars, variantOf, null, null);
		}
		String messagesJson = line.jsonText(MessagesField.FIELD, messagesField, MAX_TEXT);
		return (messagesJson != null) ? new ParsedItem(line.line(), id, category, setting, prompt, exemplars, variantOf,
				Conversation.encode(messages), Conversation.turn(messages)) : null;
	}

	private boolean categoryAllowed(JsonLine line, String category) {
		if (this.allowedCategories.isEmpty() || this.allowedCategories.contains(category)) {
			return true;
		}
		line.error("category",
				"unknown category '" + category + "'; set.json declares " + String.join(", ", this.allowedCategories));
		return false;
	}

	private static String exemplars(JsonLine line) {
		JsonNode exemplars = line.value("exemplars");
		if (exemplars == null || !exemplarsAreValid(exemplars, line::error)) {
			return null;
		}
		return exemplars.isEmpty() ? null : line.jsonText("exemplars", exemplars, MAX_TEXT);
	}

	/**
	 * Whether exemplars are an array of {@code {"input", "output"}} strings that fit;
	 * otherwise reports the first problem with its field.
	 */
	static boolean exemplarsAreValid(JsonNode exemplars, BiConsumer<String, String> error) {
		if (!exemplars.isArray()) {
			error.accept("exemplars", "must be an array of {\"input\", \"output\"} objects");
			return false;
		}
		for (int i = 0; i < exemplars.size(); i++) {
			JsonNode exemplar = exemplars.get(i);
			for (String part : List.of("input", "output")) {
				JsonNode value = (exemplar != null && exemplar.isObject()) ? exemplar.get(part) : null;
				String problem = (value == null || !value.isString()) ? "must be a string"
						: TextLimits.problem(value.stringValue(), MAX_TEXT);
				if (problem != null) {
					error.accept("exemplars[" + i + "]." + part, problem);
					return false;
				}
			}
		}
		return true;
	}

}
