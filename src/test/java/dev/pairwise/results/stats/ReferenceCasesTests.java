package dev.pairwise.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every expected figure of every reference case, to 1e-9, and the bootstrap width to 15%.
 */
class ReferenceCasesTests {

	private static final double TOLERANCE = 1e-9;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesWinRatesOverallByCategoryAndBySetting(String caseName) {
		JsonNode expected = ReferenceCases.named(caseName).get("expected");
		TwoModelResult result = compare(caseName);
		assertWinRate(expected.get("overall"), result.overall(), "overall");
		assertGroups(expected.get("byCategory"), result.byCategory(), "category ");
		assertGroups(expected.get("bySetting"), result.bySetting(), "setting ");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void overallAloneEqualsTheOverallOfTheFullComparison(String caseName) {
		JsonNode reference = ReferenceCases.named(caseName);
		WinRate overall = PairwiseStatistics.overall(ReferenceCases.judgments(reference),
				reference.get("focalModel").asString(), reference.get("otherModel").asString(), TiePolicy.HALF,
				Bootstrap.withSeed(20261123));
		assertWinRate(reference.get("expected").get("overall"), overall, "overall");
		assertEquals(compare(caseName).overall(), overall);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesAgreementFigures(String caseName) {
		JsonNode expected = ReferenceCases.named(caseName).get("expected").get("agreement");
		Agreement agreement = compare(caseName).agreement();
		assertEquals(expected.get("ratedTasks").asInt(), agreement.ratedTasks(), "ratedTasks");
		assertClose(expected.get("pairwiseAgreement"), agreement.pairwiseAgreement(), "pairwiseAgreement");
		assertClose(expected.get("leaveOneOutModeAgreement"), agreement.leaveOneOutModeAgreement(),
				"leaveOneOutModeAgreement");
		assertClose(expected.get("krippendorffAlphaNominal"), agreement.krippendorffAlphaNominal(),
				"krippendorffAlphaNominal");
		assertClose(expected.get("fleissKappa"), agreement.fleissKappa(), "fleissKappa");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesCohenKappaOfEveryRaterPairIncludingUndefinedOnes(String caseName) {
		JsonNode expected = ReferenceCases.named(caseName).get("expected").get("cohenKappaByRaterPair");
		List<RaterPairKappa> kappas = compare(caseName).agreement().cohenKappaByRaterPair();
		assertEquals(expected.size(), kappas.size(), "rater pairs");
		for (int i = 0; i < kappas.size(); i++) {
			JsonNode pair = expected.get(i);
			RaterPairKappa actual = kappas.get(i);
			String what = pair.get("raterA").asString() + "/" + pair.get("raterB").asString();
			assertEquals(pair.get("raterA").asString(), actual.raterA(), what);
			assertEquals(pair.get("raterB").asString(), actual.raterB(), what);
			assertEquals(pair.get("shared").asInt(), actual.shared(), what + " shared");
			assertClose(pair.get("cohenKappa"), actual.cohenKappa(), what + " kappa");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesPositionBias(String caseName) {
		JsonNode expected = ReferenceCases.named(caseName).get("expected").get("positionBias");
		PositionBias bias = compare(caseName).positionBias();
		assertEquals(expected.get("nonTie").asInt(), bias.nonTie(), "nonTie");
		assertEquals(expected.get("leftChosen").asInt(), bias.leftChosen(), "leftChosen");
		assertClose(expected.get("leftRate"), bias.leftRate(), "leftRate");
		assertClose(expected.get("p"), bias.p(), "p");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "small-fixed-3-raters", "medium-variable-raters" })
	void reproducesLengthPreference(String caseName) {
		JsonNode expected = ReferenceCases.named(caseName).get("expected").get("lengthPreference");
		LengthPreference preference = compare(caseName).lengthPreference();
		assertEquals(expected.get("counted").asInt(), preference.counted(), "counted");
		assertEquals(expected.get("longerChosen").asInt(), preference.longerChosen(), "longerChosen");
		assertClose(expected.get("preferLongerRate"), preference.preferLongerRate(), "preferLongerRate");
	}

	@Test
	void itemBootstrapIntervalHasTheItemClusteredWidthAndContainsTheWinRate() {
		JsonNode expected = ReferenceCases.named("bootstrap-width").get("expected").get("clusterBootstrap");
		WinRate overall = compare("bootstrap-width").overall();
		double winRate = expected.get("winRate").asDouble();
		double expectedWidth = expected.get("approxCi95Width").asDouble();
		assertEquals(winRate, overall.winRate(), TOLERANCE, "winRate");
		Interval interval = overall.bootstrap95();
		assertTrue(interval.contains(winRate), () -> interval + " should contain " + winRate);
		assertEquals(expectedWidth, interval.width(), 0.15 * expectedWidth, () -> "width of " + interval);
	}

	@Test
	void reproducesBradleyTerryEloAndImpliedWinProbabilities() {
		JsonNode reference = ReferenceCases.named("multi-model-bradley-terry");
		JsonNode expected = reference.get("expected").get("bradleyTerry");
		MultiModelResult result = PairwiseStatistics.rank(ReferenceCases.judgments(reference), Bootstrap.withSeed(7));
		assertTrue(result.ratingsEstimable());
		assertEquals(expected.get("models").size(), result.ratings().size(), "models");
		for (ModelRating rating : result.ratings()) {
			assertClose(expected.get("elo").get(rating.model()), rating.elo(), rating.model() + " elo");
			assertNotNull(rating.ci95(), rating.model() + " ci95");
			assertTrue(rating.ci95().contains(rating.elo()), () -> rating + " should lie in its interval");
		}
		for (Map.Entry<String, JsonNode> row : expected.get("winProbability").properties()) {
			for (Map.Entry<String, JsonNode> cell : row.getValue().properties()) {
				assertClose(cell.getValue(), result.winProbability().get(row.getKey()).get(cell.getKey()),
						"P(" + row.getKey() + " beats " + cell.getKey() + ")");
			}
		}
		assertEquals(Bootstrap.DEFAULT_REPLICATES, result.bootstrapReplicatesUsed());
	}

	private static TwoModelResult compare(String caseName) {
		JsonNode reference = ReferenceCases.named(caseName);
		return PairwiseStatistics.compare(ReferenceCases.judgments(reference), reference.get("focalModel").asString(),
				reference.get("otherModel").asString(), TiePolicy.HALF, Bootstrap.withSeed(20261123), Map.of());
	}

	private static void assertGroups(JsonNode expected, Map<String, WinRate> actual, String what) {
		assertEquals(expected.size(), actual.size(), what + "groups");
		for (Map.Entry<String, JsonNode> group : expected.properties()) {
			WinRate winRate = actual.get(group.getKey());
			assertNotNull(winRate, what + group.getKey());
			assertWinRate(group.getValue(), winRate, what + group.getKey());
		}
	}

	private static void assertWinRate(JsonNode expected, WinRate actual, String what) {
		assertEquals(expected.get("n").asInt(), actual.n(), what + " n");
		assertEquals(expected.get("wins").asInt(), actual.wins(), what + " wins");
		assertEquals(expected.get("losses").asInt(), actual.losses(), what + " losses");
		assertEquals(expected.get("ties").asInt(), actual.ties(), what + " ties");
		assertClose(expected.get("winRate"), actual.winRate(), what + " winRate");
		assertClose(expected.get("standardError"), actual.standardError(), what + " standardError");
		assertClose(expected.get("winRateExcludingTies"), actual.winRateExcludingTies(),
				what + " winRateExcludingTies");
		assertClose(expected.get("wilson95").get(0), actual.wilson95().low(), what + " wilson95 low");
		assertClose(expected.get("wilson95").get(1), actual.wilson95().high(), what + " wilson95 high");
		assertClose(expected.get("signTestP"), actual.signTestP(), what + " signTestP");
		assertNotNull(actual.bootstrap95(), what + " bootstrap95");
	}

	private static void assertClose(JsonNode expected, Double actual, String what) {
		if (expected.isNull()) {
			assertNull(actual, what + " should be undefined");
			return;
		}
		assertNotNull(actual, what);
		assertEquals(expected.asDouble(), actual, TOLERANCE, what);
	}

}
