package dev.pairwise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No file of the app is over 450 lines, so that each can be read whole: Java, templates,
 * scripts, style sheets and migrations alike. The message bundles are left out: each is
 * one language's list of every user-visible text, held key for key in step with the other
 * by {@code MessagesSyncTests}, not code to be read from top to bottom.
 */
class MainFilesStayShortTests {

	static final int MOST_LINES = 450;

	private static final Path MAIN = Path.of("src", "main");

	@Test
	void noFileOfTheAppIsOver450Lines() throws IOException {
		Map<String, Long> tooLong = new TreeMap<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter(Files::isRegularFile).filter((file) -> !isMessageBundle(file)).toList()) {
				long lines = lineCount(file);
				if (lines > MOST_LINES) {
					tooLong.put(MAIN.relativize(file).toString(), lines);
				}
			}
		}
		assertThat(tooLong).as("files of src/main over " + MOST_LINES + " lines (file=lines)").isEmpty();
	}

	@Test
	void aFileOverTheLimitIsCounted(@TempDir Path folder) throws IOException {
		Path file = folder.resolve("Long.java");
		Files.writeString(file, "line\n".repeat(MOST_LINES + 1));
		assertThat(lineCount(file)).isEqualTo(MOST_LINES + 1);
		Files.writeString(file, "line\n".repeat(MOST_LINES - 1) + "last line without a break");
		assertThat(lineCount(file)).isEqualTo(MOST_LINES);
	}

	private static boolean isMessageBundle(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith("messages") && name.endsWith(".properties");
	}

	/** Lines as an editor numbers them: a last line without a line break counts too. */
	private static long lineCount(Path file) throws IOException {
		String text = Files.readString(file);
		if (text.isEmpty()) {
			return 0;
		}
		long breaks = text.chars().filter((c) -> c == '\n').count();
		return text.endsWith("\n") ? breaks : breaks + 1;
	}

}
