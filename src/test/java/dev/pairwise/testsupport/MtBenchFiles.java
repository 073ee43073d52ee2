package dev.pairwise.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MT-Bench's real files in the shared folder ({@code -Dpairwise.shared}): the 80 two-turn
 * questions and GPT-4's reference answers to 30 of them, in the model-answer format.
 * Tests that use them skip when the folder is absent.
 */
public final class MtBenchFiles {

	private static final Path FOLDER = Path.of(System.getProperty("pairwise.shared", "../shared"))
		.resolve("data/mt-bench");

	private MtBenchFiles() {
	}

	public static String questions() {
		return read(FOLDER.resolve("question.jsonl"));
	}

	public static String gpt4Answers() {
		return read(FOLDER.resolve("reference_answer/gpt-4.jsonl"));
	}

	private static String read(Path file) {
		assumeTrue(Files.isRegularFile(file),
				() -> "MT-Bench file not found at " + file.toAbsolutePath() + " (set -Dpairwise.shared)");
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
