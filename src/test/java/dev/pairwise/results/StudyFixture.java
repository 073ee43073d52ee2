package dev.pairwise.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.HttpTestClient;
import dev.pairwise.HttpTestClient.Response;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds studies through the real API: an eval set of items, outputs of given lengths, a
 * study over them, and imported judgments.
 */
final class StudyFixture {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpTestClient admin;

	StudyFixture(HttpTestClient admin) {
		this.admin = admin;
	}

	static String uniqueName(String prefix) {
		return prefix + "-" + NAMES.incrementAndGet();
	}

	/**
	 * Creates an eval set; {@code items} maps each item id to its category and setting.
	 */
	String evalSet(String prefix, Map<String, String[]> items) {
		String name = uniqueName(prefix);
		StringBuilder jsonl = new StringBuilder();
		items.forEach((id, categoryAndSetting) -> jsonl.append(line(Map.of("id", id, "category", categoryAndSetting[0],
				"setting", categoryAndSetting[1], "prompt", "Prompt of " + id))));
		Response response = this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", jsonl.toString());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return name;
	}

	/** Uploads one model's outputs: item id to output text. */
	void outputs(String evalSet, String model, Map<String, String> texts) {
		StringBuilder jsonl = new StringBuilder();
		texts.forEach((item, text) -> jsonl.append(line(Map.of("item_id", item, "output", text))));
		Response response = this.admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs?model=" + model,
				jsonl.toString());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	long study(String evalSet, List<String> models) {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("name", uniqueName("study"));
		command.put("evalSet", evalSet);
		command.put("models", models);
		command.put("pairing", "all-pairs");
		command.put("ratingsPerTask", 3);
		Response response = this.admin.postJson("/api/studies", command);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().path("id").asLong();
	}

	Response importJsonl(long study, String source, String jsonl) {
		return this.admin.postJsonl("/api/studies/" + study + "/judgments?source=" + source, jsonl);
	}

	Response importCsv(long study, String source, String csv) {
		return this.admin.post("/api/studies/" + study + "/judgments?source=" + source, "text/csv", csv);
	}

	static String line(Map<String, ?> fields) {
		return JSON.writeValueAsString(fields) + "\n";
	}

}
