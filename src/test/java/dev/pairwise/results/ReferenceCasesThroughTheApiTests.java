package dev.pairwise.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.pairwise.results.ReferenceFigures.assertBradleyTerry;
import static dev.pairwise.results.ReferenceFigures.assertTwoModelFigures;
import static dev.pairwise.results.ReferenceFigures.fieldNames;
import static org.assertj.core.api.Assertions.within;

/**
 * Every expected figure of {@code shared/reference/stats-cases.json}, reproduced by the
 * running app: each case's items, outputs (of the case's lengths) and study are created
 * through the API, its judgments imported through {@code POST
 * /api/studies/{id}/judgments}, and the figures read back from {@code GET
 * /api/studies/{id}/results}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceCasesThroughTheApiTests {

	@LocalServerPort
	int port;

	JsonNode cases;

	StudyFixture fixture;

	@BeforeAll
	void readCases() {
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
		this.cases = ReferenceFigures.cases();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesEveryTwoModelFigure(String name) {
		JsonNode reference = named(name);
		assertTwoModelFigures(reference, results(reference, name.startsWith("small")).path("pairs").path(0));
	}

	@Test
	void itemBootstrapIntervalHasTheExpectedWidthAndContainsTheWinRate() {
		JsonNode reference = named("bootstrap-width");
		JsonNode expected = reference.get("expected").get("clusterBootstrap");
		JsonNode overall = results(reference, false).path("pairs").path(0).path("overall");
		double winRate = overall.get("winRate").asDouble();
		assertThat(winRate).isCloseTo(expected.get("winRate").asDouble(), within(ReferenceFigures.TOLERANCE));
		double low = overall.get("bootstrap95").get("low").asDouble();
		double high = overall.get("bootstrap95").get("high").asDouble();
		assertThat(high - low).isCloseTo(expected.get("approxCi95Width").asDouble(),
				within(0.15 * expected.get("approxCi95Width").asDouble()));
		assertThat(winRate).isBetween(low, high);
	}

	@Test
	void bradleyTerryRatingsAndWinProbabilitiesOfFourModels() {
		JsonNode reference = named("multi-model-bradley-terry");
		assertBradleyTerry(reference, results(reference, true).get("ranking"));
	}

	/**
	 * Creates the case's eval set, outputs and study, imports its judgments (as CSV or as
	 * JSON Lines) and returns the study's results.
	 */
	private JsonNode results(JsonNode reference, boolean asCsv) {
		Map<String, String[]> items = new LinkedHashMap<>();
		Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
		for (JsonNode row : reference.get("judgments")) {
			String item = row.get("item_id").asString();
			items.putIfAbsent(item, new String[] { row.get("category").asString(), row.get("setting").asString() });
			outputs.computeIfAbsent(row.get("model_a").asString(), (model) -> new LinkedHashMap<>())
				.putIfAbsent(item, "x".repeat(row.get("len_a").asInt()));
			outputs.computeIfAbsent(row.get("model_b").asString(), (model) -> new LinkedHashMap<>())
				.putIfAbsent(item, "x".repeat(row.get("len_b").asInt()));
		}
		String evalSet = this.fixture.evalSet("reference", items);
		outputs.forEach((model, texts) -> this.fixture.outputs(evalSet, model, texts));
		List<String> models = reference.has("focalModel")
				? List.of(reference.get("focalModel").asString(), reference.get("otherModel").asString())
				: fieldNames(reference.get("expected").get("bradleyTerry").get("elo"));
		long study = this.fixture.study(evalSet, models);

		StringBuilder body = new StringBuilder(asCsv ? "item_id,model_a,model_b,winner,judge,left\n" : "");
		for (JsonNode row : reference.get("judgments")) {
			String winner = row.get("winner").asString().equals("both-bad") ? "tie (bothbad)"
					: row.get("winner").asString();
			if (asCsv) {
				body.append(String.join(",", row.get("item_id").asString(), row.get("model_a").asString(),
						row.get("model_b").asString(), '"' + winner + '"', row.get("judge").asString(),
						row.get("left").asString()))
					.append('\n');
			}
			else {
				body.append(StudyFixture.line(Map.of("item_id", row.get("item_id").asString(), "model_a",
						row.get("model_a").asString(), "model_b", row.get("model_b").asString(), "winner", winner,
						"judge", row.get("judge").asString(), "left", row.get("left").asString())));
			}
		}
		Response imported = asCsv ? this.fixture.importCsv(study, "reference", body.toString())
				: this.fixture.importJsonl(study, "reference", body.toString());
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().get("judgments").asInt()).isEqualTo(reference.get("judgments").size());

		Response results = HttpTestClient.admin(this.port).get("/api/studies/" + study + "/results");
		assertThat(results.status()).as(results.body()).isEqualTo(200);
		assertThat(results.json().get("judgments").asInt()).isEqualTo(reference.get("judgments").size());
		return results.json();
	}

	private JsonNode named(String name) {
		return ReferenceFigures.named(this.cases, name);
	}

}
