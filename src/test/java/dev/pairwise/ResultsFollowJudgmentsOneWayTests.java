package dev.pairwise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results follow judgments one way, with one idiom: every listener that acts once a
 * transaction is over is a {@code @TransactionalEventListener} that names
 * {@code phase = TransactionPhase.AFTER_COMMIT}; nothing registers transaction
 * synchronizations by hand or keeps a {@code ThreadLocal} guard; the PostgreSQL relay
 * ({@code LISTEN} / {@code pg_notify}) lives in results; and the statistics package
 * ({@code results.stats}) offers no API that inserts, replaces or removes rows.
 */
class ResultsFollowJudgmentsOneWayTests {

	private static final Path MAIN = Path.of("src/main/java/dev/pairwise");

	private static final Pattern TRANSACTIONAL_LISTENER = Pattern.compile("@TransactionalEventListener(\\([^)]*\\))?");

	private static final Pattern HAND_MADE_AFTER_COMMIT = Pattern
		.compile("\\b(TransactionSynchronization\\w*|ThreadLocal)\\b");

	private static final Pattern RELAY = Pattern.compile("(?i)\\b(pg_notify|LISTEN\\s+\\w+|PGConnection)\\b");

	private static final Pattern MUTATOR = Pattern
		.compile("\\bpublic\\s+[\\w<>\\[\\], ]+\\s+(insert|set|replace|remove|delete)([A-Z]\\w*)?\\s*\\(");

	@Test
	void everyAfterCommitListenerNamesItsPhase() throws IOException {
		List<String> unnamed = new ArrayList<>();
		forEachSource((feature, file, code) -> {
			Matcher listener = TRANSACTIONAL_LISTENER.matcher(code);
			while (listener.find()) {
				String attributes = (listener.group(1) != null) ? listener.group(1) : "";
				if (!attributes.contains("phase = TransactionPhase.AFTER_COMMIT")) {
					unnamed.add(file + ": " + listener.group());
				}
			}
		});
		assertThat(unnamed).as("listeners that leave their phase to the default").isEmpty();
	}

	@Test
	void noFeatureRegistersTransactionSynchronizationsOrKeepsAThreadLocal() throws IOException {
		Map<String, String> found = new TreeMap<>();
		forEachSource((feature, file, code) -> {
			Matcher use = HAND_MADE_AFTER_COMMIT.matcher(code);
			if (use.find()) {
				found.put(file, use.group());
			}
		});
		assertThat(found).isEmpty();
	}

	@Test
	void theRelayBetweenInstancesLivesInResults() throws IOException {
		Map<String, String> outside = new TreeMap<>();
		List<String> inResults = new ArrayList<>();
		forEachSource((feature, file, code) -> {
			Matcher relay = RELAY.matcher(code);
			if (relay.find()) {
				if (feature.equals("results")) {
					inResults.add(file);
				}
				else {
					outside.put(file, relay.group());
				}
			}
		});
		assertThat(outside).as("relay code outside results").isEmpty();
		assertThat(inResults).containsExactly("results/JudgmentsChangedAcrossInstances.java");
	}

	@Test
	void theStatisticsPackageOffersNoInsertReplaceOrRemove() throws IOException {
		Map<String, String> mutators = new TreeMap<>();
		forEachSource((feature, file, code) -> {
			if (file.startsWith("results/stats/")) {
				Matcher mutator = MUTATOR.matcher(code);
				while (mutator.find()) {
					mutators.put(file + ": " + mutator.group().trim(), mutator.group(1));
				}
			}
		});
		assertThat(mutators).isEmpty();
	}

	@Test
	void theChecksSeeWhatTheyLookFor() {
		assertThat(TRANSACTIONAL_LISTENER.matcher("@TransactionalEventListener(fallbackExecution = true)").find())
			.isTrue();
		assertThat(HAND_MADE_AFTER_COMMIT
			.matcher("TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {")
			.find()).isTrue();
		assertThat(RELAY.matcher("this.jdbc.sql(\"listen pairwise_judgments\")").find()).isTrue();
		assertThat(MUTATOR.matcher("public Builder insert(int row, Judgment judgment) {").find()).isTrue();
		assertThat(MUTATOR.matcher("public Builder setRow(int row, Judgment judgment) {").find()).isTrue();
		assertThat(MUTATOR.matcher("public Builder add(Judgment judgment) {").find()).isFalse();
		assertThat(MUTATOR.matcher("public List<String> settings() {").find()).isFalse();
		assertThat(withoutComments("a /* ThreadLocal */ b // ThreadLocal\nc")).isEqualTo("a  b \nc");
	}

	private static void forEachSource(SourceCheck check) throws IOException {
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path source : files.filter((file) -> file.toString().endsWith(".java")).sorted().toList()) {
				Path relative = MAIN.relativize(source);
				check.check(relative.getName(0).toString(), relative.toString().replace('\\', '/'),
						withoutComments(Files.readString(source)));
			}
		}
	}

	/** The code without its comments, where these words may be prose. */
	static String withoutComments(String java) {
		return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
	}

	@FunctionalInterface
	private interface SourceCheck {

		void check(String feature, String file, String code);

	}

}
