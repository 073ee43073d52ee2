package dev.pairwise.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.importing.JsonLine;
import dev.pairwise.importing.TextLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A line of an MT-Bench {@code model_answer/<model>.jsonl}: {@code question_id},
 * {@code model_id} and the answers per turn in {@code choices[0].turns}. Turn n answers
 * item {@code <question_id>-t<n>}; the answers before it are that output's context, the
 * model's own side of the conversation it continued. An answer must cover every turn of
 * its question: a second turn without the first would be judged out of context.
 */
final class MtBenchAnswer {

	private static final Pattern TURN_KEY = Pattern.compile("(.+)-t([1-9][0-9]*)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MtBenchAnswer() {
	}

	static boolean isOne(JsonLine line) {
		return line.value("question_id") != null && line.value("item_id") == null;
	}

	/** How many turns each question of an eval set imported from MT-Bench has. */
	static Map<String, Integer> turnsByQuestion(Iterable<String> itemKeys) {
		Map<String, Integer> turns = new HashMap<>();
		for (String key : itemKeys) {
			Matcher turn = TURN_KEY.matcher(key);
			if (turn.matches()) {
				turns.merge(turn.group(1), Integer.parseInt(turn.group(2)), Math::max);
			}
		}
		return turns;
	}

	/** One output per turn, or none after recording the line's problems. */
	static List<ParsedOutput> outputs(JsonLine line, String model, Map<String, Integer> turnsByQuestion) {
		JsonNode id = line.value("question_id");
		String questionId = (id.isIntegralNumber() || id.isString()) ? id.asString() : null;
		String lineModel = (model != null) ? model : line.requiredText("model_id");
		List<String> answers = answers(line);
		if (questionId == null) {
			line.error("question_id", "must be a number or a string");
			return List.of();
		}
		if (lineModel == null || answers == null) {
			return List.of();
		}
		Integer turns = turnsByQuestion.get(questionId);
		if (turns == null) {
			line.error("question_id", "no MT-Bench question " + questionId + " in this eval set");
			return List.of();
		}
		if (answers.size() != turns) {
			line.error("choices[0].turns", "question " + questionId + " has " + turns + " turns but this answer has "
					+ answers.size() + "; give one answer per turn");
			return List.of();
		}
		List<ParsedOutput> outputs = new ArrayList<>();
		for (int i = 0; i < answers.size(); i++) {
			String context = (i == 0) ? null : JSON.writeValueAsString(answers.subList(0, i));
			outputs.add(new ParsedOutput(line.line(), null, questionId + "-t" + (i + 1), lineModel, answers.get(i),
					null, context));
		}
		return outputs;
	}

	private static List<String> answers(JsonLine line) {
		JsonNode choices = line.value("choices");
		JsonNode turns = (choices != null && choices.isArray() && !choices.isEmpty()) ? choices.get(0).get("turns")
				: null;
		if (turns == null || !turns.isArray()) {
			line.error("choices[0].turns", "required field is missing (the answers, one per turn)");
			return null;
		}
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < turns.size(); i++) {
			JsonNode answer = turns.get(i);
			String problem = (answer == null || !answer.isString()) ? "must be a string"
					: TextLimits.problem(answer.stringValue(), JsonlOutputParser.MAX_TEXT);
			if (problem != null) {
				line.error("choices[0].turns[" + i + "]", problem);
				return null;
			}
			answers.add(answer.stringValue());
		}
		return answers;
	}

}
