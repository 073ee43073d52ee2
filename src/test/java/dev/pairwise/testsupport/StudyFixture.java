package dev.pairwise.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.HttpTestClient.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds what tests need through the real admin API: studies on the bundled
 * flan-style-190 set and their invite links, or eval sets of given items, outputs of
 * given lengths, studies over them and imported judgments.
 */
public final class StudyFixture {

	public static final List<String> DEMO_MODELS = List.of("instruction-tuned-demo", "base-demo");

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpTestClient admin;

	public StudyFixture(HttpTestClient admin) {
		this.admin = admin;
	}

	public long createOpenStudy(String name, Map<String, Object> overrides) {
		Map<String, Object> study = new LinkedHashMap<>();
		study.put("name", name);
		study.put("evalSet", "flan-style-190");
		study.put("models", DEMO_MODELS);
		study.put("ratingsPerTask", 3);
		study.putAll(overrides);
		Response created = this.admin.postJson("/api/studies", study);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().path("id").asLong();
		if (!Boolean.FALSE.equals(overrides.get("open"))) {
			assertThat(this.admin.post("/api/studies/" + id + "/open", "application/json", "").status()).isEqualTo(200);
		}
		return id;
	}

	/** Creates invite links and returns their tokens. */
	public List<String> invite(long studyId, int count, Integer quota) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", count);
		body.put("label", "rater");
		if (quota != null) {
			body.put("quota", quota);
		}
		Response response = this.admin.postJson("/api/studies/" + studyId + "/invites", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		List<String> tokens = new ArrayList<>();
		for (JsonNode invite : response.json()) {
			String url = invite.path("url").asString();
			tokens.add(url.substring(url.lastIndexOf('/') + 1));
		}
		return tokens;
	}

	public String token(long studyId) {
		return invite(studyId, 1, null).get(0);
	}

	public static String uniqueName(String prefix) {
		return prefix + "-" + NAMES.incrementAndGet();
	}

	/**
	 * Creates an eval set; {@code items} maps each item id to its category and setting.
	 */
	public String evalSet(String prefix, Map<String, String[]> items) {
		String name = uniqueName(prefix);
		StringBuilder jsonl = new StringBuilder();
		items.forEach((id, categoryAndSetting) -> jsonl.append(line(Map.of("id", id, "category", categoryAndSetting[0],
				"setting", categoryAndSetting[1], "prompt", "Prompt of " + id))));
		Response response = this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", jsonl.toString());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return name;
	}

	/** Uploads one model's outputs: item id to output text. */
	public void outputs(String evalSet, String model, Map<String, String> texts) {
		StringBuilder jsonl = new StringBuilder();
		texts.forEach((item, text) -> jsonl.append(line(Map.of("item_id", item, "output", text))));
		Response response = this.admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs?model=" + model,
				jsonl.toString());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	public long study(String evalSet, List<String> models) {
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

	public Response importJsonl(long study, String source, String jsonl) {
		return this.admin.postJsonl("/api/studies/" + study + "/judgments?source=" + source, jsonl);
	}

	public Response importCsv(long study, String source, String csv) {
		return this.admin.post("/api/studies/" + study + "/judgments?source=" + source, "text/csv", csv);
	}

	/**
	 * Random judgments of the models over the items q1 to q{@code items}, by judges r1 to
	 * r4, as JSON Lines for the judgment import.
	 */
	public static String syntheticJudgments(List<String> models, int items, int count, long seed) {
		Random random = new Random(seed);
		String[] winners = { "model_a", "model_a", "model_b", "tie", "both-bad" };
		StringBuilder jsonl = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int a = random.nextInt(models.size());
			int b = (a + 1 + random.nextInt(models.size() - 1)) % models.size();
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("item_id", "q" + (1 + random.nextInt(items)));
			row.put("model_a", models.get(a));
			row.put("model_b", models.get(b));
			row.put("winner", winners[random.nextInt(winners.length)]);
			row.put("judge", "r" + (1 + random.nextInt(4)));
			row.put("left", random.nextBoolean() ? "model_a" : "model_b");
			row.put("elapsed_ms", 1000 + random.nextInt(60_000));
			row.put("fail_b", random.nextInt(10) == 0);
			row.put("reason", (random.nextInt(3) == 0) ? "-because " + i : "");
			row.put("created_at", "2026-01-01T00:00:" + String.format("%02d", i % 60) + "Z");
			jsonl.append(line(row));
		}
		return jsonl.toString();
	}

	public static String line(Map<String, ?> fields) {
		return JSON.writeValueAsString(fields) + "\n";
	}

}
