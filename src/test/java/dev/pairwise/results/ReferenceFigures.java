package dev.pairwise.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reference cases of {@code shared/reference/stats-cases.json} and the checks of the
 * app's figures against them, shared by the overall path
 * ({@link ReferenceCasesThroughTheApiTests}) and the per-criterion one
 * ({@link CriterionSliceOfReferenceCasesTests}) so that both are held to the same
 * figures.
 */
final class ReferenceFigures {

	static final double TOLERANCE = 1e-9;

	private static final Path FILE = Path.of(System.getProperty("pairwise.shared", "../shared"))
		.resolve("reference/stats-cases.json");

	private ReferenceFigures() {
	}

	/** The cases, or null when the shared folder is absent. */
	static JsonNode cases() {
		return Files.isRegularFile(FILE) ? JsonMapper.builder().build().readTree(FILE).get("cases") : null;
	}

	/** The case of that name; the test is skipped when the cases were not found. */
	static JsonNode named(JsonNode cases, String name) {
		assumeTrue(cases != null, () -> "reference cases not found at " + FILE.toAbsolutePath()
				+ " (set -Dpairwise.shared to the shared folder)");
		for (JsonNode reference : cases) {
			if (reference.get("name").asString().equals(name)) {
				return reference;
			}
		}
		throw new IllegalArgumentException("no reference case named " + name);
	}

	/**
	 * Every two-model figure of a case: win rates overall, per category and per setting,
	 * agreement (with Cohen's κ per rater pair), position bias and length preference.
	 */
	static void assertTwoModelFigures(JsonNode reference, JsonNode pair) {
		JsonNode expected = reference.get("expected");
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

	/** The case's Bradley–Terry ratings and win probabilities. */
	static void assertBradleyTerry(JsonNode reference, JsonNode ranking) {
		JsonNode expected = reference.get("expected").get("bradleyTerry");
		assertThat(ranking.get("ratingsEstimable").asBoolean()).isTrue();
		Map<String, Double> elo = elo(ranking);
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

	/** A ranking's Elo ratings by model. */
	static Map<String, Double> elo(JsonNode ranking) {
		Map<String, Double> elo = new TreeMap<>();
		ranking.get("ratings")
			.forEach((rating) -> elo.put(rating.get("model").asString(), rating.get("elo").asDouble()));
		return elo;
	}

	static void assertWinRate(JsonNode expected, JsonNode actual, String group) {
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

	static void assertClose(JsonNode expected, JsonNode actual, String what) {
		if (expected == null || expected.isNull()) {
			assertThat(actual == null || actual.isNull()).as(what + " should be null, was " + actual).isTrue();
			return;
		}
		assertThat(actual).as(what).isNotNull();
		assertThat(actual.isNull()).as(what + " is null").isFalse();
		assertThat(actual.asDouble()).as(what).isCloseTo(expected.asDouble(), within(TOLERANCE));
	}

	static List<String> fieldNames(JsonNode object) {
		return object.propertyNames().stream().sorted().toList();
	}

}
