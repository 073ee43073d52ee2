package dev.pairwise.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.HttpTestClient;
import dev.pairwise.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * The figures of one criterion are the reference's figures, checked by slicing: a
 * reference case's judgments are imported as the answers to the criterion
 * {@code correctness} of a study whose overall answers all say tie, and
 * {@code ?criterion=correctness} reproduces every expected figure (a both-bad judgment
 * becomes a tie, which every figure counts the same).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CriterionSliceOfReferenceCasesTests {

	private static final double TOLERANCE = 1e-9;

	private static final Path FILE = Path.of(System.getProperty("pairwise.shared", "../shared"))
		.resolve("reference/stats-cases.json");

	@LocalServerPort
	int port;

	JsonNode cases;

	StudyFixture fixture;

	HttpTestClient admin;

	@BeforeAll
	void readCases() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
		if (Files.isRegularFile(FILE)) {
			this.cases = JsonMapper.builder().build().readTree(FILE).get("cases");
		}
	}

	@Test
	void aCriterionsWinRatesAgreementAndPositionBiasAreTheReferenceFigures() {
		JsonNode reference = named("small-fixed-3-raters");
		JsonNode expected = reference.get("expected");
		JsonNode results = criterionResults(reference);
		JsonNode pair = results.path("pairs").path(0);
		assertWinRate(expected.get("overall"), pair.get("overall"), "overall");
		for (String group : List.of("byCategory", "bySetting")) {
			expected.get(group)
				.properties()
				.forEach((entry) -> assertWinRate(entry.getValue(), pair.get(group).get(entry.getKey()),
						group + " " + entry.getKey()));
		}
		for (String figure : List.of("pairwiseAgreement", "leaveOneOutModeAgreement", "krippendorffAlphaNominal",
				"fleissKappa")) {
			assertThat(pair.get("agreement").get(figure).asDouble()).as(figure)
				.isCloseTo(expected.get("agreement").get(figure).asDouble(), within(TOLERANCE));
		}
		assertThat(pair.get("positionBias").get("leftChosen").asInt())
			.isEqualTo(expected.get("positionBias").get("leftChosen").asInt());
		assertThat(pair.get("positionBias").get("p").asDouble())
			.isCloseTo(expected.get("positionBias").get("p").asDouble(), within(TOLERANCE));
		assertThat(results.path("criteria").path(0).path("judgments").asInt()).isEqualTo(45);
		assertThat(results.path("criteria").path(0).path("disagreeing").asInt())
			.as("every non-tie answer differs from the overall tie")
			.isEqualTo(38);
	}

	@Test
	void aCriterionsBradleyTerryRatingsAreTheReferenceRatings() {
		JsonNode reference = named("multi-model-bradley-terry");
		JsonNode expected = reference.get("expected").get("bradleyTerry").get("elo");
		JsonNode ranking = criterionResults(reference).get("ranking");
		Map<String, Double> elo = new LinkedHashMap<>();
		ranking.get("ratings")
			.forEach((rating) -> elo.put(rating.get("model").asString(), rating.get("elo").asDouble()));
		assertThat(elo).hasSize(expected.size());
		expected.properties()
			.forEach((entry) -> assertThat(elo.get(entry.getKey())).as("elo " + entry.getKey())
				.isCloseTo(entry.getValue().asDouble(), within(TOLERANCE)));
	}

	/**
	 * Creates the case's eval set, outputs and a study with one criterion, imports the
	 * case's judgments as that criterion's answers (every overall answer a tie) and
	 * returns the criterion's results.
	 */
	private JsonNode criterionResults(JsonNode reference) {
		Map<String, String[]> items = new LinkedHashMap<>();
		Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
		for (JsonNode row : reference.get("judgments")) {
			String item = row.get("item_id").asString();
			items.putIfAbsent(item, new String[] { row.get("category").asString(), row.get("setting").asString() });
			outputs.computeIfAbsent(row.get("model_a").asString(), (model) -> new LinkedHashMap<>())
				.putIfAbsent(item, "x".repeat(row.path("len_a").asInt(1)));
			outputs.computeIfAbsent(row.get("model_b").asString(), (model) -> new LinkedHashMap<>())
				.putIfAbsent(item, "x".repeat(row.path("len_b").asInt(1)));
		}
		String evalSet = this.fixture.evalSet("slice", items);
		outputs.forEach((model, texts) -> this.fixture.outputs(evalSet, model, texts));
		List<String> models = reference.has("focalModel")
				? List.of(reference.get("focalModel").asString(), reference.get("otherModel").asString())
				: reference.get("expected").get("bradleyTerry").get("elo").propertyNames().stream().sorted().toList();
		Response created = this.admin.postJson("/api/studies",
				Map.of("name", StudyFixture.uniqueName("slice"), "evalSet", evalSet, "models", models, "criteria",
						List.of(Map.of("id", "correctness", "label", "Which response is more correct?"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();

		StringBuilder csv = new StringBuilder("item_id,model_a,model_b,winner,judge,left,winner_correctness\n");
		for (JsonNode row : reference.get("judgments")) {
			String winner = row.get("winner").asString();
			csv.append(String.join(",", row.get("item_id").asString(), row.get("model_a").asString(),
					row.get("model_b").asString(), "tie", row.get("judge").asString(), row.path("left").asString(""),
					winner.equals("both-bad") ? "tie" : winner))
				.append('\n');
		}
		Response imported = this.fixture.importCsv(study, "reference", csv.toString());
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		Response results = this.admin.get("/api/studies/" + study + "/results?criterion=correctness");
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
			JsonNode want = expected.get(figure);
			if (want == null || want.isNull()) {
				assertThat(actual.get(figure).isNull()).as(group + " " + figure).isTrue();
			}
			else {
				assertThat(actual.get(figure).asDouble()).as(group + " " + figure)
					.isCloseTo(want.asDouble(), within(TOLERANCE));
			}
		}
	}

}
