package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.List;

import dev.pairwise.evalset.Conversation.Message;
import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.TextLimits;
import tools.jackson.databind.JsonNode;

/**
 * A line of MT-Bench's {@code question.jsonl}: {@code question_id}, {@code category},
 * {@code turns} and an optional {@code reference} (read for validity, not stored). Turn n
 * becomes item {@code <question_id>-t<n>} whose conversation holds the user turns 1..n;
 * the assistant turns in between are each model's own answers, which come with its
 * outputs.
 */
final class MtBenchQuestion {

	static final String QUESTION_ID = "question_id";

	private MtBenchQuestion() {
	}

	/** Whether a line is written in MT-Bench's question format. */
	static boolean isOne(JsonLine line) {
		return line.value(QUESTION_ID) != null && line.value("prompt") == null;
	}

	/** The item key of one turn of a question. */
	static String key(String questionId, int turn) {
		return questionId + "-t" + turn;
	}

	/** One item per turn, or an empty list after recording the problems. */
	static List<ParsedItem> items(JsonLine line) {
		String questionId = questionId(line);
		String category = line.requiredText("category", ItemParser.MAX_CATEGORY);
		if (category != null && TextLimits.nameProblem(category, ItemParser.MAX_CATEGORY) != null) {
			line.error("category", TextLimits.nameProblem(category, ItemParser.MAX_CATEGORY));
			category = null;
		}
		List<String> turns = turns(line);
		JsonNode reference = line.value("reference");
		if (reference != null && !reference.isArray()) {
			line.error("reference", "must be an array of strings");
			return List.of();
		}
		if (questionId == null || category == null || turns == null) {
			return List.of();
		}
		List<ParsedItem> items = new ArrayList<>();
		List<Message> userTurns = new ArrayList<>();
		for (int i = 0; i < turns.size(); i++) {
			userTurns.add(new Message(Conversation.USER, turns.get(i)));
			items.add(new ParsedItem(line.line(), key(questionId, i + 1), category, "zero-shot", turns.get(i), null,
					null, Conversation.encode(userTurns), i + 1));
		}
		return items;
	}

	private static String questionId(JsonLine line) {
		JsonNode id = line.value(QUESTION_ID);
		if (id.isIntegralNumber() || (id.isString() && !id.stringValue().isBlank())) {
			String text = id.isString() ? id.stringValue() : id.asString();
			String problem = TextLimits.nameProblem(text, ItemParser.MAX_ID - 10);
			if (problem == null) {
				return text;
			}
			line.error(QUESTION_ID, problem);
			return null;
		}
		line.error(QUESTION_ID, "must be a number or a non-empty string");
		return null;
	}

	private static List<String> turns(JsonLine line) {
		JsonNode turns = line.value("turns");
		if (turns == null) {
			line.error("turns", "required field is missing");
			return null;
		}
		if (!turns.isArray() || turns.isEmpty()) {
			line.error("turns", "must be a non-empty array of the user's turns");
			return null;
		}
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < turns.size(); i++) {
			JsonNode turn = turns.get(i);
			String problem = (turn == null || !turn.isString()) ? "must be a string" : turn.stringValue().isBlank()
					? "turn " + (i + 1) + " is empty" : TextLimits.problem(turn.stringValue(), ItemParser.MAX_TEXT);
			if (problem != null) {
				line.error("turns[" + i + "]", problem);
				return null;
			}
			texts.add(turn.stringValue());
		}
		return texts;
	}

}
