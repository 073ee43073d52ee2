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

import static dev.pairwise.results.ReferenceFigures.assertBradleyTerry;
import static dev.pairwise.results.ReferenceFigures.assertTwoModelFigures;
import static dev.pairwise.results.ReferenceFigures.elo;
import static dev.pairwise.results.ReferenceFigures.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The figures of one criterion are the reference's figures, checked by slicing: a study
 * has two criteria, {@code correctness} answered exactly as a reference case's judgments
 * and {@code style} answered the other way round (every model_a win a model_b win), with
 * every overall answer a tie. {@code ?criterion=correctness} reproduces every figure the
 * overall path is checked against ({@link ReferenceFigures}), and
 * {@code ?criterion=style} the mirror image, so each criterion's figures come from its
 * own answers only. A both-bad judgment becomes a tie, which every figure counts the
 * same.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CriterionSliceOfReferenceCasesTests {

	@LocalServerPort
	int port;

	JsonNode cases;

	StudyFixture fixture;

	HttpTestClient admin;

	@BeforeAll
	void readCases() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
		this.cases = ReferenceFigures.cases();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void aCriterionsTwoModelFiguresAreTheReferenceFiguresAndTheOtherCriterionsTheirMirror(String name) {
		JsonNode reference = ReferenceFigures.named(this.cases, name);
		long study = sliceStudy(reference);
		assertTwoModelFigures(reference, criterionResults(study, reference, "correctness").path("pairs").path(0));

		JsonNode expected = reference.get("expected").get("overall");
		JsonNode style = criterionResults(study, reference, "style");
		JsonNode mirrored = style.path("pairs").path(0).path("overall");
		assertThat(mirrored.get("wins").asInt()).isEqualTo(expected.get("losses").asInt());
		assertThat(mirrored.get("losses").asInt()).isEqualTo(expected.get("wins").asInt());
		assertThat(mirrored.get("ties").asInt()).isEqualTo(expected.get("ties").asInt());
		assertThat(mirrored.get("winRate").asDouble()).isCloseTo(1 - expected.get("winRate").asDouble(),
				within(ReferenceFigures.TOLERANCE));

		JsonNode overall = results(study, "");
		assertThat(overall.path("pairs").path(0).path("overall").path("ties").asInt())
			.isEqualTo(reference.get("judgments").size());
		JsonNode disagreement = overall.get("criteria");
		int decisive = expected.get("wins").asInt() + expected.get("losses").asInt();
		assertThat(disagreement.path(0).path("criterion").asString()).isEqualTo("correctness");
		assertThat(disagreement.path(0).path("disagreeing").asInt())
			.as("every decisive answer differs from the overall tie")
			.isEqualTo(decisive);
		assertThat(disagreement.path(1).path("disagreeing").asInt()).isEqualTo(decisive);
	}

	@Test
	void aCriterionsBradleyTerryRatingsAreTheReferenceRatingsAndTheOtherCriterionsTheirMirror() {
		JsonNode reference = ReferenceFigures.named(this.cases, "multi-model-bradley-terry");
		long study = sliceStudy(reference);
		assertBradleyTerry(reference, criterionResults(study, reference, "correctness").get("ranking"));
		// Every outcome reversed: the same fit with every strength negated, so each Elo
		// mirrors about the scale's mean of 1000.
		Map<String, Double> mirrored = elo(criterionResults(study, reference, "style").get("ranking"));
		reference.get("expected")
			.get("bradleyTerry")
			.get("elo")
			.properties()
			.forEach((entry) -> assertThat(mirrored.get(entry.getKey())).as("style elo " + entry.getKey())
				.isCloseTo(2000 - entry.getValue().asDouble(), within(1e-6)));
	}

	/**
	 * Creates the case's eval set, outputs (of the case's lengths) and a study with the
	 * criteria {@code correctness} and {@code style}, and imports the case's judgments as
	 * the answers to {@code correctness}, their mirror as those to {@code style}, and a
	 * tie as every overall answer; the study's id.
	 */
	private long sliceStudy(JsonNode reference) {
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
				: fieldNames(reference.get("expected").get("bradleyTerry").get("elo"));
		Response created = this.admin.postJson("/api/studies",
				Map.of("name", StudyFixture.uniqueName("slice"), "evalSet", evalSet, "models", models, "criteria",
						List.of(Map.of("id", "correctness", "label", "Which response is more correct?"),
								Map.of("id", "style", "label", "Which response is better written?"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();

		StringBuilder csv = new StringBuilder(
				"item_id,model_a,model_b,winner,judge,left,winner_correctness,winner_style\n");
		for (JsonNode row : reference.get("judgments")) {
			String winner = row.get("winner").asString();
			String correctness = winner.equals("both-bad") ? "tie" : winner;
			String style = switch (correctness) {
				case "model_a" -> "model_b";
				case "model_b" -> "model_a";
				default -> "tie";
			};
			csv.append(String.join(",", row.get("item_id").asString(), row.get("model_a").asString(),
					row.get("model_b").asString(), "tie", row.get("judge").asString(), row.path("left").asString(""),
					correctness, style))
				.append('\n');
		}
		Response imported = this.fixture.importCsv(study, "reference", csv.toString());
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		return study;
	}

	private JsonNode criterionResults(long study, JsonNode reference, String criterion) {
		JsonNode results = results(study, "?criterion=" + criterion);
		assertThat(results.get("criterion").asString()).isEqualTo(criterion);
		assertThat(results.get("judgments").asInt()).isEqualTo(reference.get("judgments").size());
		return results;
	}

	private JsonNode results(long study, String query) {
		Response results = this.admin.get("/api/studies/" + study + "/results" + query);
		assertThat(results.status()).as(results.body()).isEqualTo(200);
		return results.json();
	}

}
