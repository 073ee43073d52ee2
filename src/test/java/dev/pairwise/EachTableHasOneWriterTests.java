package dev.pairwise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table is written by one feature: only the top-level package that owns a table
 * inserts, updates, deletes or merges its rows, and every other feature goes through the
 * owner's public types. The SQL is found in the string literals and text blocks of the
 * main code; the tables are those the Flyway migrations create (migrations themselves are
 * not app code).
 */
class EachTableHasOneWriterTests {

	private static final Path MAIN = Path.of("src/main/java/dev/pairwise");

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private static final Pattern CREATE_TABLE = Pattern.compile("(?i)\\bcreate\\s+table\\s+([a-z_][a-z0-9_]*)");

	private static final Pattern DROP_TABLE = Pattern.compile("(?i)\\bdrop\\s+table\\s+([a-z_][a-z0-9_]*)");

	private static final Pattern WRITE = Pattern
		.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)");

	/**
	 * Tables no feature writes: Spring Session JDBC keeps the admin sessions, and the
	 * start-up lock's one row comes from its migration and is only ever locked.
	 */
	private static final Set<String> NOT_WRITTEN_BY_THE_APP = Set.of("spring_session", "spring_session_attributes",
			"startup_lock");

	@Test
	void everyTableIsWrittenByExactlyOneFeature() {
		Map<String, Set<String>> writers = writers(tables());
		Map<String, Set<String>> shared = new TreeMap<>();
		writers.forEach((table, features) -> {
			if (features.size() > 1) {
				shared.put(table, features);
			}
		});
		assertThat(shared).as("tables written by more than one feature (table=features)").isEmpty();
		Set<String> unwritten = new TreeSet<>(tables());
		unwritten.removeAll(writers.keySet());
		assertThat(unwritten).as("tables no feature writes").isEqualTo(new TreeSet<>(NOT_WRITTEN_BY_THE_APP));
	}

	/** The features (top-level packages) whose SQL writes each table. */
	private static Map<String, Set<String>> writers(Set<String> tables) {
		Map<String, Set<String>> writers = new TreeMap<>();
		for (Path source : files(MAIN, ".java")) {
			String feature = MAIN.relativize(source).getName(0).toString();
			for (String literal : stringLiterals(read(source))) {
				Matcher write = WRITE.matcher(literal);
				while (write.find()) {
					String table = write.group(1).toLowerCase();
					if (tables.contains(table)) {
						writers.computeIfAbsent(table, (t) -> new TreeSet<>()).add(feature);
					}
				}
			}
		}
		return writers;
	}

	/** The tables the migrations create and do not drop again. */
	private static Set<String> tables() {
		Set<String> tables = new TreeSet<>();
		Set<String> dropped = new TreeSet<>();
		for (Path migration : files(MIGRATIONS, ".sql")) {
			String sql = read(migration);
			Matcher create = CREATE_TABLE.matcher(sql);
			while (create.find()) {
				tables.add(create.group(1).toLowerCase());
			}
			Matcher drop = DROP_TABLE.matcher(sql);
			while (drop.find()) {
				dropped.add(drop.group(1).toLowerCase());
			}
		}
		tables.removeAll(dropped);
		return tables;
	}

	/**
	 * The contents of the string literals and text blocks of a Java source, leaving out
	 * comments and character literals, where a word such as "update" is prose.
	 */
	static List<String> stringLiterals(String java) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		while (i < java.length()) {
			if (java.startsWith("//", i)) {
				i = java.indexOf('\n', i);
				i = (i < 0) ? java.length() : i;
			}
			else if (java.startsWith("/*", i)) {
				i = java.indexOf("*/", i + 2) + 2;
			}
			else if (java.startsWith("\"\"\"", i)) {
				int end = java.indexOf("\"\"\"", i + 3);
				literals.add(java.substring(i + 3, end));
				i = end + 3;
			}
			else if (java.charAt(i) == '"' || java.charAt(i) == '\'') {
				char quote = java.charAt(i);
				int end = i + 1;
				while (java.charAt(end) != quote) {
					end += (java.charAt(end) == '\\') ? 2 : 1;
				}
				if (quote == '"') {
					literals.add(java.substring(i + 1, end));
				}
				i = end + 1;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	private static List<Path> files(Path root, String extension) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(extension)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
