package dev.pairwise.results.stats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference cases of {@code shared/reference/stats-cases.json}, computed
 * independently with NumPy and SciPy. The shared folder is {@code -Dpairwise.shared}
 * (default {@code ../shared}, relative to the working directory); tests that need it are
 * skipped when it is absent.
 */
final class ReferenceCases {

	private static final Path FILE = Path.of(System.getProperty("pairwise.shared", "../shared"))
		.resolve("reference/stats-cases.json");

	private static JsonNode cases;

	private ReferenceCases() {
	}

	/** The named case; skips the calling test when the reference file is absent. */
	static synchronized JsonNode named(String name) {
		assumeTrue(Files.isRegularFile(FILE), () -> "reference cases not found at " + FILE.toAbsolutePath()
				+ " (set -Dpairwise.shared to the shared folder)");
		if (cases == null) {
			cases = JsonMapper.builder().build().readTree(FILE).get("cases");
		}
		for (JsonNode reference : cases) {
			if (reference.get("name").asString().equals(name)) {
				return reference;
			}
		}
		throw new IllegalArgumentException("no reference case named " + name);
	}

	static JudgmentTable judgments(JsonNode reference) {
		List<Judgment> judgments = new ArrayList<>();
		for (JsonNode row : reference.get("judgments")) {
			judgments.add(new Judgment(row.get("item_id").asString(), row.get("category").asString(),
					row.get("setting").asString(), row.get("model_a").asString(), row.get("model_b").asString(),
					outcome(row.get("winner").asString()), row.get("judge").asString(),
					row.get("left").asString().equals("model_a"), row.get("len_a").asInt(), row.get("len_b").asInt(),
					false, false, -1));
		}
		return JudgmentTable.of(judgments);
	}

	private static Outcome outcome(String winner) {
		return switch (winner) {
			case "model_a" -> Outcome.A;
			case "model_b" -> Outcome.B;
			case "tie" -> Outcome.TIE;
			case "both-bad" -> Outcome.BOTH_BAD;
			default -> throw new IllegalArgumentException("unknown winner " + winner);
		};
	}

}
