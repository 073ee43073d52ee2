package dev.pairwise.results.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The length-controlled win rate against scikit-learn's fit of the same model on a
 * simulated study with a known length bias
 * ({@code src/test/python/length_controlled_reference.py}, whose output is committed as
 * {@code stats/length-controlled-reference.json}).
 */
class LengthControlledWinRateTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path SCRIPT = Path.of("src", "test", "python", "length_controlled_reference.py");

	@Test
	void theFitAgreesWithScikitLearnsToSixDecimals() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/stats/length-controlled-reference.json")) {
			assertAgreesWith(JSON.readTree(in));
		}
	}

	@Test
	void theLengthControlledRateRemovesTheLengthBiasTheRawRateCarries() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/stats/length-controlled-reference.json")) {
			JsonNode reference = JSON.readTree(in);
			LengthControlledWinRate rate = LengthControlledWinRate.of(array(reference, "difference"),
					array(reference, "wins"), array(reference, "losses"), new Bootstrap(500, 7));
			assertThat(rate.lengthCoefficient()).isPositive();
			assertThat(rate.winRate()).isLessThan(reference.path("rawWinRate").asDouble());
			assertThat(rate.bootstrap95().contains(rate.winRate())).isTrue();
			assertThat(rate.items()).isEqualTo(120);
		}
	}

	/**
	 * Runs the reference script again where Debian's python3-sklearn is installed, so
	 * that the committed numbers are what the script gives.
	 */
	@Test
	void theReferenceScriptStillGivesTheCommittedNumbers(@TempDir Path dir) throws Exception {
		String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
		Assumptions.assumeTrue(runs(python, "-c", "import numpy, sklearn"),
				"python3 with numpy and scikit-learn is not installed (Debian: python3-sklearn)");
		Path output = dir.resolve("reference.json");
		assertThat(runs(python, SCRIPT.toString(), output.toString())).isTrue();
		assertAgreesWith(JSON.readTree(output.toFile()));
	}

	private static void assertAgreesWith(JsonNode reference) {
		double[] difference = array(reference, "difference");
		LengthControlledFit fit = LengthControlledWinRate.fit(difference, array(reference, "wins"),
				array(reference, "losses"));
		assertThat(fit.intercept).isCloseTo(reference.path("intercept").asDouble(), within(1e-6));
		assertThat(fit.length).isCloseTo(reference.path("lengthCoefficient").asDouble(), within(1e-6));
		double[] difficulty = array(reference, "difficulty");
		for (int i = 0; i < difficulty.length; i++) {
			assertThat(fit.difficulty[i]).as("difficulty of item " + i).isCloseTo(difficulty[i], within(1e-6));
		}
		LengthControlledWinRate rate = LengthControlledWinRate.of(difference, array(reference, "wins"),
				array(reference, "losses"), new Bootstrap(0, 1));
		assertThat(rate.winRate()).isCloseTo(reference.path("lengthControlledWinRate").asDouble(), within(1e-6));
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

	private static double[] array(JsonNode node, String field) {
		JsonNode values = node.path(field);
		double[] array = new double[values.size()];
		for (int i = 0; i < array.length; i++) {
			array[i] = values.get(i).asDouble();
		}
		return array;
	}

}
