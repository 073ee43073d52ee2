package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A study of three models rated by its own raters through the rating API exports a
 * judgments.csv that FastChat's rating code loads unchanged: model_a is the model shown
 * as Response 1, and FastChat's Bradley–Terry fits ({@code src/test/python}) give the
 * app's ratings within 0.01 Elo. Skipped when no python3 with pandas and scikit-learn is
 * installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FastChatCompatibilityTests {

	private static final List<String> MODELS = List.of("alpha", "beta", "gamma");

	/** Bradley–Terry strengths the simulated raters follow. */
	private static final Map<String, Double> STRENGTH = Map.of("alpha", 2.0, "beta", 1.0, "gamma", 0.6);

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	@Test
	void fastChatsRatingFunctionsLoadTheExportUnchangedAndAgreeWithTheAppsBradleyTerry() throws Exception {
		String python = pythonWithPandasAndScikitLearn();
		HttpTestClient admin = HttpTestClient.admin(this.port);
		HttpTestClient anonymous = HttpTestClient.anonymous(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 16; i++) {
			items.put("q" + i, new String[] { (i % 2 == 0) ? "planning" : "creativity", "zero-shot" });
		}
		String evalSet = fixture.evalSet("fastchat", items);
		for (String model : MODELS) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, "answer of " + model + " to " + item));
			fixture.outputs(evalSet, model, texts);
		}
		long study = fixture.study(evalSet, MODELS);
		assertThat(admin.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);

		Map<Long, String> shownFirst = new HashMap<>();
		List<String> tokens = fixture.invite(study, 3, null);
		for (String token : tokens) {
			while (true) {
				Response next = anonymous.get("/api/rate/" + token + "/next");
				if (next.status() == 204) {
					break;
				}
				JsonNode task = next.json();
				String left = modelOf(task.path("response1").asString());
				String right = modelOf(task.path("response2").asString());
				long assignment = task.path("assignmentId").asLong();
				shownFirst.put(assignment, left);
				Response judged = anonymous.postJson("/api/rate/" + token + "/judgments",
						Map.of("assignmentId", assignment, "choice",
								choice(tokens.indexOf(token), itemOf(task.path("response1").asString()), left, right)));
				assertThat(judged.status()).as(judged.body()).isEqualTo(201);
			}
		}
		assertThat(shownFirst).hasSize(16 * 3 * 3);

		Response export = admin.get("/api/studies/" + study + "/judgments.csv");
		assertThat(export.status()).isEqualTo(200);
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(export.body()))
			.getRecords();
		assertThat(rows).hasSize(shownFirst.size());
		for (CSVRecord row : rows) {
			assertThat(row.get("model_a")).as("model_a is the model shown as Response 1")
				.isEqualTo(shownFirst.get(Long.parseLong(row.get("assignment_id"))));
			assertThat(row.get("left")).isEqualTo("model_a");
			assertThat(row.get("anony")).isEqualTo("true");
			assertThat(row.get("excluded")).isEqualTo("false");
			assertThat(row.get("attention_check")).isEmpty();
			assertThat(Instant.parse(row.get("served_at"))).isBeforeOrEqualTo(Instant.parse(row.get("created_at")));
			assertThat(Double.parseDouble(row.get("tstamp")))
				.isEqualTo(Instant.parse(row.get("created_at")).toEpochMilli() / 1000.0);
		}

		long copy = fixture.study(evalSet, MODELS);
		Response reimported = fixture.importCsv(copy, "copy", export.body());
		assertThat(reimported.status()).as(reimported.body()).isEqualTo(201);
		JsonNode before = admin.get("/api/studies/" + study + "/results").json();
		JsonNode after = admin.get("/api/studies/" + copy + "/results").json();
		for (String part : List.of("judgments", "pairs", "ranking")) {
			assertThat(after.get(part)).as("round trip: " + part).isEqualTo(before.get(part));
		}

		Path csv = this.temp.resolve("judgments.csv");
		Files.writeString(csv, export.body(), StandardCharsets.UTF_8);
		JsonNode fastChat = run(python, csv);
		assertThat(fastChat.get("battles").asInt()).isEqualTo(rows.size());
		JsonNode ratings = admin.get("/api/studies/" + study + "/results?bootstrap=0")
			.json()
			.get("ranking")
			.get("ratings");
		assertThat(ratings.size()).isEqualTo(3);
		for (JsonNode rating : ratings) {
			String model = rating.get("model").asString();
			double elo = rating.get("elo").asDouble();
			assertThat(fastChat.get("mle_elo").get(model).asDouble()).as("compute_mle_elo " + model)
				.isCloseTo(elo, within(0.01));
			assertThat(fastChat.get("bt").get(model).asDouble()).as("compute_bt " + model).isCloseTo(elo, within(0.01));
		}
		assertThat(ratings.get(0).get("model").asString()).isEqualTo("alpha");
	}

	private static String modelOf(String response) {
		return MODELS.stream()
			.filter((model) -> response.startsWith("answer of " + model + " "))
			.findFirst()
			.orElseThrow();
	}

	private static String itemOf(String response) {
		return response.substring(response.lastIndexOf(' ') + 1);
	}

	/**
	 * Ties one time in six, both bad one in twenty, otherwise Bradley–Terry. The draw is
	 * seeded by the rater, the item and the pair, never by the order or the side the task
	 * was served in, so the simulated ratings (and the ranking) are the same on every
	 * run.
	 */
	private static String choice(int rater, String item, String left, String right) {
		String first = (left.compareTo(right) < 0) ? left : right;
		String second = first.equals(left) ? right : left;
		Random random = new Random(Objects.hash(rater, item, first, second));
		double draw = random.nextDouble();
		if (draw < 0.05) {
			return "both-bad";
		}
		if (draw < 0.22) {
			return "tie";
		}
		double firstWins = STRENGTH.get(first) / (STRENGTH.get(first) + STRENGTH.get(second));
		String winner = (random.nextDouble() < firstWins) ? first : second;
		return winner.equals(left) ? "1" : "2";
	}

	/** The first python3 that imports pandas and scikit-learn (PATH's, then Debian's). */
	private static String pythonWithPandasAndScikitLearn() throws InterruptedException {
		for (String candidate : List.of("python3", "/usr/bin/python3")) {
			try {
				Process probe = new ProcessBuilder(candidate, "-c", "import pandas, sklearn, scipy")
					.redirectErrorStream(true)
					.start();
				probe.getInputStream().readAllBytes();
				if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
					return candidate;
				}
			}
			catch (IOException ex) {
				// not installed under this name; try the next
			}
		}
		Assumptions.abort("no python3 with pandas and scikit-learn (Debian: python3-pandas python3-sklearn)");
		return null;
	}

	private static JsonNode run(String python, Path csv) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(python, Path.of("src/test/python/fastchat_ratings.py").toString(),
				csv.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return JsonMapper.builder().build().readTree(output);
	}

}
