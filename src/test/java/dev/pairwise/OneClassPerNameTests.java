package dev.pairwise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two classes of the app and its tests share a simple name, so that a name found in a
 * stack trace, a test report or a conversation points at one class: a fixture two
 * features' tests need lives once, in {@code dev.pairwise.testsupport}.
 */
class OneClassPerNameTests {

	private static final Path[] SOURCES = { Path.of("src", "main", "java"), Path.of("src", "test", "java") };

	@Test
	void noTwoClassesOfTheAppAndItsTestsShareASimpleName() throws IOException {
		Map<String, Set<String>> byName = new TreeMap<>();
		for (Path root : SOURCES) {
			try (Stream<Path> files = Files.walk(root)) {
				files.filter((file) -> file.toString().endsWith(".java"))
					.filter((file) -> !file.getFileName().toString().equals("package-info.java"))
					.forEach((file) -> byName.computeIfAbsent(file.getFileName().toString(), (name) -> new TreeSet<>())
						.add(root.relativize(file).toString()));
			}
		}
		byName.values().removeIf((files) -> files.size() == 1);
		assertThat(byName).as("simple names of more than one class (name=files)").isEmpty();
	}

}
