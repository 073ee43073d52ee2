package dev.pairwise.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.pairwise.testsupport.HttpTestClient.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-model study over MT-Bench's real files, built through the admin API: the 80
 * questions, GPT-4's reference answers to 30 of them as model {@code gpt-4} (its
 * {@code model_id}), and a second model made from them by one stated transformation:
 * every answer in upper case ({@link #transformed}), so that the two models' answers to
 * every turn, and so the contexts of their second turns, differ.
 */
public final class MtBenchStudy {

	public static final String FIRST = "gpt-4";

	public static final String SECOND = "gpt-4-upper-case";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MtBenchStudy() {
	}

	/** Uploads the questions as a new eval set and returns its name. */
	public static String evalSet(HttpTestClient admin) {
		String name = StudyFixture.uniqueName("mt-bench");
		Response set = admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", MtBenchFiles.questions());
		assertThat(set.status()).as(set.body()).isEqualTo(201);
		return name;
	}

	/** Uploads both models' answers and opens a study of them with k = 1; its id. */
	public static long openStudy(HttpTestClient admin, String evalSet) {
		Response first = admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs", MtBenchFiles.gpt4Answers());
		assertThat(first.status()).as(first.body()).isEqualTo(201);
		Response second = admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs?model=" + SECOND,
				transformedAnswers(MtBenchFiles.gpt4Answers()));
		assertThat(second.status()).as(second.body()).isEqualTo(201);
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("name", StudyFixture.uniqueName("mt-bench-study"));
		command.put("evalSet", evalSet);
		command.put("models", List.of(FIRST, SECOND));
		command.put("ratingsPerTask", 1);
		Response study = admin.postJson("/api/studies", command);
		assertThat(study.status()).as(study.body()).isEqualTo(201);
		long id = study.json().path("id").asLong();
		assertThat(admin.post("/api/studies/" + id + "/open", "application/json", "").status()).isEqualTo(200);
		return id;
	}

	/** The answers file with every answer in upper case. */
	public static String transformedAnswers(String answers) {
		return transformedAnswers(answers, MtBenchStudy::transformed);
	}

	/** The answers file with every answer transformed by {@code transform}. */
	public static String transformedAnswers(String answers, UnaryOperator<String> transform) {
		StringBuilder jsonl = new StringBuilder();
		for (String line : answers.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			ObjectNode answer = (ObjectNode) JSON.readTree(line);
			ArrayNode turns = (ArrayNode) answer.path("choices").path(0).path("turns");
			for (int i = 0; i < turns.size(); i++) {
				turns.set(i, transform.apply(turns.get(i).asString()));
			}
			jsonl.append(JSON.writeValueAsString(answer)).append('\n');
		}
		return jsonl.toString();
	}

	/** The second model's answer: the first's in upper case. */
	public static String transformed(String text) {
		return text.toUpperCase(Locale.ROOT);
	}

	/** GPT-4's reference answers by question id. */
	public static Map<String, List<String>> gpt4Turns() {
		Map<String, List<String>> turns = new LinkedHashMap<>();
		for (String line : MtBenchFiles.gpt4Answers().split("\n")) {
			if (!line.isBlank()) {
				JsonNode answer = JSON.readTree(line);
				List<String> texts = new ArrayList<>();
				answer.path("choices").path(0).path("turns").forEach((turn) -> texts.add(turn.asString()));
				turns.put(answer.path("question_id").asString(), texts);
			}
		}
		return turns;
	}

}
