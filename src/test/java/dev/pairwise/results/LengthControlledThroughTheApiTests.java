package dev.pairwise.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulated study of {@code stats/length-controlled-reference.json} built through the
 * real app (items, outputs of the simulated lengths, judgments imported) gives
 * scikit-learn's length-controlled win rate in the results JSON and on the page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LengthControlledThroughTheApiTests {

	/**
	 * Long enough that every simulated length difference leaves both outputs non-empty.
	 */
	private static final int BASE_LENGTH = 6000;

	@LocalServerPort
	int port;

	@Test
	void theResultsCarryScikitLearnsLengthControlledWinRate() throws IOException {
		JsonNode reference;
		try (InputStream in = getClass().getResourceAsStream("/stats/length-controlled-reference.json")) {
			reference = JsonMapper.builder().build().readTree(in);
		}
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		int items = reference.path("difference").size();
		Map<String, String[]> itemCategories = new LinkedHashMap<>();
		Map<String, String> longer = new LinkedHashMap<>();
		Map<String, String> shorter = new LinkedHashMap<>();
		StringBuilder judgments = new StringBuilder();
		for (int i = 0; i < items; i++) {
			String item = "q" + i;
			int difference = reference.path("difference").get(i).asInt();
			itemCategories.put(item, new String[] { "writing", "zero-shot" });
			longer.put(item, "x".repeat(BASE_LENGTH + difference));
			shorter.put(item, "y".repeat(BASE_LENGTH));
			double wins = reference.path("wins").get(i).asDouble();
			double losses = reference.path("losses").get(i).asDouble();
			boolean tie = wins != Math.floor(wins);
			append(judgments, item, "model_a", (int) Math.floor(wins));
			append(judgments, item, "model_b", (int) Math.floor(losses));
			append(judgments, item, "tie", tie ? 1 : 0);
		}
		String evalSet = fixture.evalSet("length", itemCategories);
		fixture.outputs(evalSet, "verbose", longer);
		fixture.outputs(evalSet, "terse", shorter);
		long study = fixture.study(evalSet, List.of("verbose", "terse"));
		assertThat(fixture.importJsonl(study, "simulated", judgments.toString()).status()).isEqualTo(201);

		Response results = admin.get("/api/studies/" + study + "/results?bootstrap=200");
		JsonNode lengthControlled = results.json().path("pairs").get(0).path("lengthControlled");
		assertThat(lengthControlled.path("winRate").asDouble())
			.isCloseTo(reference.path("lengthControlledWinRate").asDouble(), within(1e-6));
		assertThat(lengthControlled.path("lengthCoefficient").asDouble())
			.isCloseTo(reference.path("lengthCoefficient").asDouble(), within(1e-6));
		assertThat(lengthControlled.path("items").asInt()).isEqualTo(items);
		assertThat(results.json().path("pairs").get(0).path("overall").path("winRate").asDouble())
			.isCloseTo(reference.path("rawWinRate").asDouble(), within(1e-12));

		String page = admin.get("/studies/" + study + "/results").body();
		assertThat(page).contains("Length-controlled win rate").contains("52.5%");
	}

	private static void append(StringBuilder jsonl, String item, String winner, int times) {
		for (int n = 0; n < times; n++) {
			jsonl.append(StudyFixture.line(Map.of("item_id", item, "model_a", "verbose", "model_b", "terse", "winner",
					winner, "judge", "sim-" + n)));
		}
	}

}
