package dev.pairwise.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pairwise.HttpTestClient;
import dev.pairwise.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

	private static final double TOLERANCE = 1e-9;

	private static final Path FILE = Path.of(System.getProperty("pairwise.shared", "../shared"))
		.resolve("reference/stats-cases.json");

	@LocalServerPort
	int port;

	JsonNode cases;

	StudyFixture fixture;

	@BeforeAll
	void readCases() {
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
		if (Files.isRegularFile(FILE)) {
			this.cases = JsonMapper.builder().build().readTree(FILE).get("cases");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesEveryTwoModelFigure(String name) {
		JsonNode reference = named(name);
		JsonNode expected = reference.get("expected");
		JsonNode pair = results(reference, name.startsWith("small")).path("pairs").path(0);
		assertThat(pair.path("focalModel").asString()).isEqualTo(reference.get("focalModel").asString());

		assertWinRate(expected.get("overall"), pair.get("overall"), "overall");
		for (String group : List.of("byCategory", "bySetting")) {
			assertThat(fieldNames(pair.get(group))).isEqualTo(fieldNames(expected.get(group)));
			expected.get(group)
				.properties()
				.forEach((entry) -> assertWinRate(entry.getValue(), pair.get(group).get(entry.getKey()),
						group + " " + entry.getKey()));
		}

		JsonNode agreement = pair.get("agreement");
		JsonNode expectedAgreement = expected.get("agreement");
		assertThat(agreement.get("ratedTasks").asInt()).isEqualTo(expectedAgreement.get("ratedTasks").asInt());
		for (String figure : List.of("pairwiseAgreement", "leaveOneOutModeAgreement", "krippendorffAlphaNominal",
				"fleissKappa")) {
			assertClose(expectedAgreement.get(figure), agreement.get(figure), figure);
		}
		JsonNode kappas = agreement.get("cohenKappaByRaterPair");
		assertThat(kappas.size()).isEqualTo(expected.get("cohenKappaByRaterPair").size());
		for (int i = 0; i < kappas.size(); i++) {
			JsonNode want = expected.get("cohenKappaByRaterPair").get(i);
			JsonNode got = kappas.get(i);
			String what = want.get("raterA").asString() + "/" + want.get("raterB").asString();
			assertThat(got.get("raterA").asString() + "/" + got.get("raterB").asString()).isEqualTo(what);
			assertThat(got.get("shared").asInt()).as(what).isEqualTo(want.get("shared").asInt());
			assertClose(want.get("cohenKappa"), got.get("cohenKappa"), what + " kappa");
		}

		JsonNode bias = pair.get("positionBias");
		JsonNode expectedBias = expected.get("positionBias");
		assertThat(bias.get("nonTie").asInt()).isEqualTo(expectedBias.get("nonTie").asInt());
		assertThat(bias.get("leftChosen").asInt()).isEqualTo(expectedBias.get("leftChosen").asInt());
		assertClose(expectedBias.get("leftRate"), bias.get("leftRate"), "leftRate");
		assertClose(expectedBias.get("p"), bias.get("p"), "position p");

		JsonNode length = pair.get("lengthPreference");
		JsonNode expectedLength = expected.get("lengthPreference");
		assertThat(length.get("counted").asInt()).isEqualTo(expectedLength.get("counted").asInt());
		assertThat(length.get("longerChosen").asInt()).isEqualTo(expectedLength.get("longerChosen").asInt());
		assertClose(expectedLength.get("preferLongerRate"), length.get("preferLongerRate"), "preferLongerRate");
	}

	@Test
	void itemBootstrapIntervalHasTheExpectedWidthAndContainsTheWinRate() {
		JsonNode reference = named("bootstrap-width");
		JsonNode expected = reference.get("expected").get("clusterBootstrap");
		JsonNode overall = results(reference, false).path("pairs").path(0).path("overall");
		double winRate = overall.get("winRate").asDouble();
		assertThat(winRate).isCloseTo(expected.get("winRate").asDouble(), within(TOLERANCE));
		double low = overall.get("bootstrap95").get("low").asDouble();
		double high = overall.get("bootstrap95").get("high").asDouble();
		assertThat(high - low).isCloseTo(expected.get("approxCi95Width").asDouble(),
				within(0.15 * expected.get("approxCi95Width").asDouble()));
		assertThat(winRate).isBetween(low, high);
	}

	@Test
	void bradleyTerryRatingsAndWinProbabilitiesOfFourModels() {
		JsonNode reference = named("multi-model-bradley-terry");
		JsonNode expected = reference.get("expected").get("bradleyTerry");
		JsonNode ranking = results(reference, true).get("ranking");
		assertThat(ranking.get("ratingsEstimable").asBoolean()).isTrue();
		Map<String, Double> elo = new TreeMap<>();
		ranking.get("ratings")
			.forEach((rating) -> elo.put(rating.get("model").asString(), rating.get("elo").asDouble()));
		assertThat(elo.keySet()).containsExactlyElementsOf(fieldNames(expected.get("elo")));
		expected.get("elo")
			.properties()
			.forEach((entry) -> assertThat(elo.get(entry.getKey())).as("elo " + entry.getKey())
				.isCloseTo(entry.getValue().asDouble(), within(TOLERANCE)));
		expected.get("winProbability")
			.properties()
			.forEach((row) -> row.getValue()
				.properties()
				.forEach((cell) -> assertClose(cell.getValue(),
						ranking.get("winProbability").get(row.getKey()).get(cell.getKey()),
						"P(" + row.getKey() + " beats " + cell.getKey() + ")")));
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
		assumeTrue(this.cases != null, () -> "reference cases not found at " + FILE.toAbsolutePath()
				+ " (set -Dpairwise.shared to the shared folder)");
		for (JsonNode reference : this.cases) {
			if (reference.get("name").asString().equals(name)) {
				return reference;
			}
		}
		throw new IllegalArgumentException("no reference case named " + name);
	}

	private static void assertWinRate(JsonNode expected, JsonNode actual, String group) {
		assertThat(actual).as(group).isNotNull();
		for (String count : List.of("n", "wins", "losses", "ties")) {
			assertThat(actual.get(count).asInt()).as(group + " " + count).isEqualTo(expected.get(count).asInt());
		}
		for (String figure : List.of("winRate", "standardError", "winRateExcludingTies", "signTestP")) {
			assertClose(expected.get(figure), actual.get(figure), group + " " + figure);
		}
		JsonNode wilson = expected.get("wilson95");
		if (wilson == null || wilson.isNull()) {
			assertThat(actual.get("wilson95").isNull()).as(group + " wilson95").isTrue();
		}
		else {
			assertThat(actual.get("wilson95").get("low").asDouble()).as(group + " wilson low")
				.isCloseTo(wilson.get(0).asDouble(), within(TOLERANCE));
			assertThat(actual.get("wilson95").get("high").asDouble()).as(group + " wilson high")
				.isCloseTo(wilson.get(1).asDouble(), within(TOLERANCE));
		}
	}

	private static void assertClose(JsonNode expected, JsonNode actual, String what) {
		if (expected == null || expected.isNull()) {
			assertThat(actual == null || actual.isNull()).as(what + " should be null, was " + actual).isTrue();
			return;
		}
		assertThat(actual).as(what).isNotNull();
		assertThat(actual.isNull()).as(what + " is null").isFalse();
		assertThat(actual.asDouble()).as(what).isCloseTo(expected.asDouble(), within(TOLERANCE));
	}

	private static List<String> fieldNames(JsonNode object) {
		return object.propertyNames().stream().sorted().toList();
	}

}
