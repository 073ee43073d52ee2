package dev.pairwise.results.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pairwise.results.stats.StyleControlledBradleyTerry.Comparison;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The style-controlled Bradley–Terry against statsmodels' unpenalised binomial GLM of the
 * same model on a simulated five-model study whose judges favour long and bold responses
 * ({@code src/test/python/style_control_reference.py}, output committed as
 * {@code stats/style-control-reference.json}).
 */
class StyleControlledBradleyTerryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path SCRIPT = Path.of("src", "test", "python", "style_control_reference.py");

	@Test
	void theFitAgreesWithStatsmodelsToAThousandthOfAnEloPoint() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/stats/style-control-reference.json")) {
			assertAgreesWith(JSON.readTree(in));
		}
	}

	@Test
	void theKnownStyleBiasGoesToTheCoefficientsWithIntervalsThatHoldIt() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/stats/style-control-reference.json")) {
			JsonNode reference = JSON.readTree(in);
			StyleControlledRanking ranking = StyleControlledBradleyTerry.fit(comparisons(reference),
					new Bootstrap(200, 18));
			assertThat(ranking.bootstrapReplicatesUsed()).isEqualTo(200);
			Interval length = ranking.coefficientCi95().get(0);
			assertThat(length.low()).as("judges favour length (true β = 0.8)").isPositive();
			assertThat(length.contains(reference.path("trueCoefficients").get(0).asDouble())).isTrue();
			assertThat(ranking.coefficientCi95().get(3).contains(0)).as("list items: no effect").isTrue();
			for (ModelRating rating : ranking.ratings()) {
				assertThat(rating.ci95().contains(rating.elo())).as(rating.model()).isTrue();
			}
		}
	}

	@Test
	void styleIsCountedAsArenaCountsItWithCodeBlocksLeftOut() {
		String response = """
				# Plan
				## Steps
				1. **Book** the venue
				2. Send __invites__
				- a note
				#not a header
				```
				# inside code
				- inside code **bold**
				```
				""";
		assertThat(StyleFeatures.of(response))
			.isEqualTo(new StyleFeatures(response.codePointCount(0, response.length()), 2, 2, 3));
	}

	@Test
	void withoutStyleDifferencesTheRatingsAreThePlainBradleyTerrys() {
		StyleFeatures same = new StyleFeatures(100, 0, 0, 0);
		List<Comparison> comparisons = new ArrayList<>();
		String[][] wins = { { "a", "b" }, { "a", "b" }, { "b", "a" }, { "b", "c" }, { "c", "b" }, { "c", "a" },
				{ "a", "c" }, { "a", "c" } };
		for (int i = 0; i < wins.length; i++) {
			comparisons.add(new Comparison("q" + i, wins[i][0], wins[i][1], Outcome.A, same, same));
		}
		StyleControlledRanking ranking = StyleControlledBradleyTerry.fit(comparisons, new Bootstrap(0, 1));
		assertThat(ranking.coefficients()).containsOnlyNulls();
		// The same judgments as pairs for the plain fit: a–b 2 of 3, b–c 1 of 2, a–c 2 of
		// 3.
		BradleyTerry plain = new BradleyTerry(3, new int[] { 0, 1, 0 }, new int[] { 1, 2, 2 });
		double[] elo = BradleyTerry
			.elo(plain.fit(new double[] { 2, 1, 2 }, new double[] { 3, 2, 3 }, new double[] { 1, 1, 1 }, 1e-13));
		for (ModelRating rating : ranking.ratings()) {
			assertThat(rating.elo()).isCloseTo(elo["abc".indexOf(rating.model())], within(1e-6));
		}
	}

	/**
	 * Runs the reference script again where Debian's python3-statsmodels is installed, so
	 * that the committed numbers are what the script gives.
	 */
	@Test
	void theReferenceScriptStillGivesTheCommittedNumbers(@TempDir Path dir) throws Exception {
		String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
		Assumptions.assumeTrue(runs(python, "-c", "import numpy, statsmodels"),
				"python3 with numpy and statsmodels is not installed (Debian: python3-statsmodels)");
		Path output = dir.resolve("reference.json");
		assertThat(runs(python, SCRIPT.toString(), output.toString())).isTrue();
		assertAgreesWith(JSON.readTree(output.toFile()));
	}

	private static void assertAgreesWith(JsonNode reference) {
		StyleControlledRanking ranking = StyleControlledBradleyTerry.fit(comparisons(reference), new Bootstrap(0, 1));
		assertThat(ranking.estimable()).isTrue();
		assertThat(ranking.comparisons()).isEqualTo(640);
		for (ModelRating rating : ranking.ratings()) {
			assertThat(rating.elo()).as(rating.model())
				.isCloseTo(reference.path("elo").path(rating.model()).asDouble(), within(1e-3));
		}
		for (int f = 0; f < 4; f++) {
			assertThat(ranking.coefficients().get(f)).as(StyleControlledRanking.FEATURES.get(f))
				.isCloseTo(reference.path("coefficients").get(f).asDouble(), within(1e-6));
		}
	}

	private static List<Comparison> comparisons(JsonNode reference) {
		List<Comparison> comparisons = new ArrayList<>();
		for (JsonNode row : reference.path("comparisons")) {
			comparisons.add(new Comparison(row.path("item").asString(), row.path("modelA").asString(),
					row.path("modelB").asString(), Outcome.valueOf(row.path("outcome").asString()),
					style(row.path("styleA")), style(row.path("styleB"))));
		}
		return comparisons;
	}

	private static StyleFeatures style(JsonNode counts) {
		return new StyleFeatures(counts.get(0).asInt(), counts.get(1).asInt(), counts.get(2).asInt(),
				counts.get(3).asInt());
	}

	private static boolean runs(String... command) throws Exception {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().transferTo(OutputStream.nullOutputStream());
			return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
