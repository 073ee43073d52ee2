package dev.pairwise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import dev.pairwise.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The performance targets (DESIGN.md, issue 23), measured on the packaged app in its own
 * JVM with {@code -Xmx512m}: the rating loop over HTTP (H2 and PostgreSQL,
 * {@link RatingLoopMeasurement}) against the raw durable ceiling of the same database,
 * results for a million judgments, a 100,000-line output import, start-up to ready, and
 * the quick start on a fresh clone. Writes {@code target/benchmark/report.md}, with each
 * target beside its figure in a table on top ({@link Summary}). Run with
 * {@code ./mvnw -Pbenchmark verify} (README); correctness (invariants, errors) fails the
 * run, timings are reported, not asserted.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerformanceBenchmark {

	/** Raters invited to each results study (their judgments are written directly). */
	static final int RESULT_RATERS = 200;

	@BeforeAll
	static void machine() throws IOException {
		Files.deleteIfExists(Report.directory().resolve("report.md"));
		Report.line("## Run of %s",
				OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
		Report.line("");
		Report.line("- Machine: %d cores (%s), %s memory; Java %s; app heap %s",
				Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), System.getProperty("java.version"),
				AppProcess.HEAP);
		Report.line("- Load average before the run (1, 5, 15 min): %s", loadAverage());
		Report.line("");
	}

	static final int IMPORT_LINES = 100_000;

	static final int STARTS = 3;

	@Test
	@Order(1)
	void startUpToReady() throws Exception {
		assumeTrue(selected("startup"));
		Report.line("### Start-up to ready (process launch to the first UP of /actuator/health/readiness)");
		Report.line("");
		Report.line(
				"`java -jar` is the packaged jar as it is; *CDS* is the launch the README recommends for production:"
						+ " the jar extracted, with an archive of its classes (class data sharing). %d runs each.",
				STARTS);
		Report.line("");
		Report.line("| database, start | target | `java -jar` | CDS |");
		Report.line("|---|---|---|---|");
		Map<AppProcess.Launch, List<Long>> first = new java.util.EnumMap<>(AppProcess.Launch.class);
		Map<AppProcess.Launch, List<Long>> again = new java.util.EnumMap<>(AppProcess.Launch.class);
		for (AppProcess.Launch launch : AppProcess.Launch.values()) {
			Path data = freshDirectory("h2-startup-" + launch.name().toLowerCase());
			for (int run = 0; run < STARTS; run++) {
				Path runData = data.resolve("run-" + run);
				List<String> arguments = List.of("--pairwise.data-dir=" + runData);
				time(first, launch, "h2-startup", arguments, Map.of());
				time(again, launch, "h2-restart", arguments, Map.of());
			}
		}
		Report.line("| H2, first start (migrations, bundled set, demo study) | < 5 s | %s | %s |",
				seconds(first.get(AppProcess.Launch.JAR)), seconds(first.get(AppProcess.Launch.CLASS_DATA_SHARING)));
		Report.line("| H2, restart | < 5 s | %s | **%s** |", seconds(again.get(AppProcess.Launch.JAR)),
				seconds(again.get(AppProcess.Launch.CLASS_DATA_SHARING)));
		startUpRow("H2", first, again);
		if (TestPostgres.configured()) {
			first.clear();
			again.clear();
			for (AppProcess.Launch launch : AppProcess.Launch.values()) {
				for (int run = 0; run < STARTS; run++) {
					Map<String, String> environment = postgresEnvironment(TestPostgres.createDatabase());
					List<String> arguments = List.of("--spring.profiles.active=postgres");
					time(first, launch, "postgres-startup", arguments, environment);
					time(again, launch, "postgres-restart", arguments, environment);
				}
			}
			Report.line("| PostgreSQL, first start | < 5 s | %s | %s |", seconds(first.get(AppProcess.Launch.JAR)),
					seconds(first.get(AppProcess.Launch.CLASS_DATA_SHARING)));
			Report.line("| PostgreSQL, restart | < 5 s | %s | **%s** |", seconds(again.get(AppProcess.Launch.JAR)),
					seconds(again.get(AppProcess.Launch.CLASS_DATA_SHARING)));
			startUpRow("PostgreSQL", first, again);
		}
		Report.line("");
	}

	/** The slowest `java -jar` start, first or again, against the target. */
	private static void startUpRow(String database, Map<AppProcess.Launch, List<Long>> first,
			Map<AppProcess.Launch, List<Long>> again) {
		long slowest = java.util.stream.Stream
			.concat(first.get(AppProcess.Launch.JAR).stream(), again.get(AppProcess.Launch.JAR).stream())
			.mapToLong(Long::longValue)
			.max()
			.orElse(0);
		Summary.row(database, "start-up to ready, `java -jar`, slowest of first starts and restarts", "< 5 s",
				String.format("%.2f s", slowest / 1000.0), 0, "", slowest < 5000);
	}

	private static void time(Map<AppProcess.Launch, List<Long>> times, AppProcess.Launch launch, String log,
			List<String> arguments, Map<String, String> environment) throws IOException {
		try (AppProcess app = AppProcess.start(launch, Report.directory().resolve(log + ".log"), arguments,
				environment)) {
			times.computeIfAbsent(launch, (key) -> new ArrayList<>()).add(app.startupMillis());
		}
	}

	@Test
	@Order(4)
	void importOfOutputLines() throws Exception {
		assumeTrue(selected("import"));
		byte[] items = Dataset.items(IMPORT_LINES, 11);
		byte[] outputs = Dataset.outputs(IMPORT_LINES, 1000, 12);
		Report.line("### Import of %,d output lines (%,.0f MB of JSONL) through `POST /api/eval-sets/{name}/outputs`",
				IMPORT_LINES, outputs.length / 1e6);
		Report.line("");
		Report.line("| database | target | measured |");
		Report.line("|---|---|---|");
		Path data = freshDirectory("h2-import");
		try (AppProcess app = AppProcess.start(Report.directory().resolve("h2-import.log"),
				List.of("--pairwise.data-dir=" + data), Map.of())) {
			Report.line("| H2 file | < 10 s | **%s** |", timeImport(app.port(), items, outputs));
		}
		if (TestPostgres.configured()) {
			try (AppProcess app = AppProcess.start(Report.directory().resolve("postgres-import.log"),
					List.of("--spring.profiles.active=postgres"), postgresEnvironment(TestPostgres.createDatabase()))) {
				Report.line("| PostgreSQL | < 10 s | **%s** |", timeImport(app.port(), items, outputs));
			}
		}
		Report.line("");
	}

	static final int RESULT_ITEMS = 10_000;

	@Test
	@Order(5)
	void resultsOfAMillionJudgments() throws Exception {
		assumeTrue(selected("results"));
		Report.line(
				"### Results of 1,000,000 judgments over %,d items, B = 2000, through `GET /api/studies/{id}/results`",
				RESULT_ITEMS);
		Report.line("");
		Report.line("The judgments are written straight into the database, which is then vacuumed and analysed"
				+ " as a campaign's autovacuum would have left it (`ANALYZE` on H2).");
		Report.line("");
		Report.line("Computed: the first request after start (a cold JVM, the last judgment still missing; it"
				+ " joins the computation of the open studies' results that the app starts once ready), then"
				+ " again after a rater gave the last judgment through the rating API (it drops the cached results,"
				+ " and the judgments held since the first request read that one) on a server that has computed"
				+ " results before; cached: the same request once more.");
		Report.line("");
		Report.line("| database, study | target | first request | computed on a warm server | cached |");
		Report.line("|---|---|---|---|---|");
		Path data = freshDirectory("h2-results");
		String url = "jdbc:h2:file:" + data.resolve("pairwise") + ";WRITE_DELAY=0";
		List<String> arguments = List.of("--pairwise.data-dir=" + data);
		measureResults("H2 file", url, "sa", "", arguments, Map.of(), "h2-results");
		if (TestPostgres.configured()) {
			TestPostgres.Database database = TestPostgres.createDatabase();
			measureResults("PostgreSQL", database.url(), database.user(), database.password(),
					List.of("--spring.profiles.active=postgres"), postgresEnvironment(database), "postgres-results");
		}
		Report.line("");
	}

	/**
	 * Sets up a two-model and a five-model study through the API, writes a million
	 * judgments into each while the app is stopped, then times their results.
	 */
	private static void measureResults(String database, String url, String user, String password,
			List<String> arguments, Map<String, String> environment, String log) throws Exception {
		long two;
		long five;
		try (AppProcess app = AppProcess.start(Report.directory().resolve(log + "-setup.log"), arguments,
				environment)) {
			Admin admin = new Admin(app.port());
			admin.uploadItems("bench-results", Dataset.items(RESULT_ITEMS, 21));
			for (int model = 0; model < 5; model++) {
				admin.uploadOutputs("bench-results", "model-" + model, Dataset.outputs(RESULT_ITEMS, 300, 30 + model));
			}
			two = admin.openStudy("{\"name\":\"two models\",\"evalSet\":\"bench-results\","
					+ "\"models\":[\"model-0\",\"model-1\"],\"ratingsPerTask\":100}");
			five = admin.openStudy("{\"name\":\"five models\",\"evalSet\":\"bench-results\","
					+ "\"models\":[\"model-0\",\"model-1\",\"model-2\",\"model-3\",\"model-4\"],"
					+ "\"pairing\":\"all-pairs\",\"ratingsPerTask\":10}");
			admin.invite(two, RESULT_RATERS);
			admin.invite(five, RESULT_RATERS);
		}
		int twoJudgments = MillionJudgments.insert(url, user, password, two, 100);
		int fiveJudgments = MillionJudgments.insert(url, user, password, five, 10);
		try (AppProcess app = AppProcess.start(Report.directory().resolve(log + ".log"), arguments, environment)) {
			Admin admin = new Admin(app.port());
			String twoFirst = timeResults(admin, two, "", twoJudgments);
			String fiveFirst = timeResults(admin, five, "", fiveJudgments);
			timeResults(admin, two, "?ties=exclude", twoJudgments);
			timeResults(admin, five, "?ties=exclude", fiveJudgments);
			addJudgment(admin, two, app.port());
			addJudgment(admin, five, app.port());
			Report.line("| %s, 2 models (%,d judgments) | < 1.5 s | %s | **%s** | %s |", database, twoJudgments + 1,
					twoFirst, timeResults(admin, two, "", twoJudgments + 1),
					timeResults(admin, two, "", twoJudgments + 1));
			Report.line("| %s, 5 models all pairs + Bradley–Terry (%,d judgments) | < 3 s | %s | **%s** | %s |",
					database, fiveJudgments + 1, fiveFirst, timeResults(admin, five, "", fiveJudgments + 1),
					timeResults(admin, five, "", fiveJudgments + 1));
		}
	}

	private static String timeResults(Admin admin, long study, String query, int judgments) {
		long start = System.nanoTime();
		KeepAliveHttp.Response results = admin.get("/api/studies/" + study + "/results" + query);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(results.body()).contains("\"judgments\":" + judgments);
		return String.format("%.2f s", millis / 1000.0);
	}

	/**
	 * The judgment that completes the million, given by a newly invited rater through the
	 * rating API, as in a live study: it drops the study's cached results.
	 */
	private static void addJudgment(Admin admin, long study, int port) {
		String token = admin.invite(study, 1).get(0);
		KeepAliveHttp rater = new KeepAliveHttp("127.0.0.1", port, null);
		String task = Admin.expect(200, rater.get("/api/rate/" + token + "/next")).body();
		Matcher assignment = RatingClient.ASSIGNMENT.matcher(task);
		assertThat(assignment.find()).as("the open task is handed out: %s", task).isTrue();
		Admin.expect(201, rater.postJson("/api/rate/" + token + "/judgments",
				"{\"assignmentId\":" + assignment.group(1) + ",\"choice\":\"1\"}"));
	}

	/** Uploads the items, then times the upload of the outputs, twice (two models). */
	private static String timeImport(int port, byte[] items, byte[] outputs) {
		Admin admin = new Admin(port);
		admin.uploadItems("bench-import", items);
		List<Long> millis = new ArrayList<>();
		for (String model : List.of("import-model-1", "import-model-2")) {
			long start = System.nanoTime();
			KeepAliveHttp.Response response = admin.uploadOutputs("bench-import", model, outputs);
			millis.add((System.nanoTime() - start) / 1_000_000);
			assertThat(response.body()).contains("\"outputs\":" + IMPORT_LINES);
		}
		return seconds(millis);
	}

	private static String seconds(List<Long> millis) {
		return String.join(", ", millis.stream().map((ms) -> String.format("%.2f s", ms / 1000.0)).toList());
	}

	@Test
	@Order(2)
	void ratingLoopOnH2() throws Exception {
		assumeTrue(selected("rating"));
		Path data = freshDirectory("h2-rating");
		String h2Options = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
		double ceiling = RawCommitRate.measure("jdbc:h2:file:" + data.resolve("raw-probe") + h2Options, "sa", "", 1, 5);
		RatingLoopMeasurement.measure("H2",
				() -> AppProcess.start(Report.directory().resolve("h2-rating.log"),
						List.of("--pairwise.data-dir=" + data), Map.of()),
				ceiling, null, JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(),
						"jdbc:h2:file:" + data.resolve("pairwise") + h2Options, "sa", "")));
	}

	@Test
	@Order(3)
	void ratingLoopOnPostgres() throws Exception {
		assumeTrue(selected("rating"));
		if (!TestPostgres.configured()) {
			Report
				.line("### Rating loop, PostgreSQL: not run (no PAIRWISE_TEST_POSTGRES_URL; .ci/benchmark starts one)");
			return;
		}
		TestPostgres.Database database = TestPostgres.createDatabase();
		double ceiling = RawCommitRate.measure(database.url(), database.user(), database.password(), 1, 5);
		JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(),
				database.user(), database.password()));
		Report.line("PostgreSQL: %s.", postgresSettings(jdbc));
		Report.line("");
		RatingLoopMeasurement.measure("PostgreSQL",
				() -> AppProcess.start(Report.directory().resolve("postgres-rating.log"),
						List.of("--spring.profiles.active=postgres"), postgresEnvironment(database)),
				ceiling, postgresCounters(jdbc), jdbc);
	}

	/**
	 * Commits of the app's database (pg_stat_database) and, where the server preloads
	 * pg_stat_statements (.ci/benchmark does), the statements it executed.
	 */
	private static RatingLoopMeasurement.DatabaseCounters postgresCounters(JdbcClient jdbc) {
		boolean statements;
		try {
			jdbc.sql("create extension if not exists pg_stat_statements").update();
			jdbc.sql("select count(*) from pg_stat_statements").query(Long.class).single();
			statements = true;
		}
		catch (org.springframework.dao.DataAccessException ex) {
			statements = false;
		}
		boolean counted = statements;
		return () -> new long[] {
				jdbc.sql("select xact_commit from pg_stat_database where datname = current_database()")
					.query(Long.class)
					.single(),
				counted ? jdbc.sql("""
						select coalesce(sum(calls), 0) from pg_stat_statements
						where dbid = (select oid from pg_database where datname = current_database())""")
					.query(Long.class)
					.single() : -1 };
	}

	@Test
	@Order(6)
	void quickStartOnAFreshClone() throws Exception {
		assumeTrue(selected("quickstart"));
		Report.line("### Quick start: `./mvnw spring-boot:run` on a fresh clone to the first page");
		Report.line("");
		QuickStart.Timing timing = QuickStart.measure(freshDirectory("quickstart"));
		Report.line("`git clone` of this checkout's HEAD, then `%s` with the Maven cache warm; %s.", timing.command(),
				timing.outcome());
		Report.line("");
		Summary.row("H2", "quick start: fresh clone, `./mvnw spring-boot:run` to the first page", "< 30 s",
				String.format("%.1f s", timing.seconds()), 0, "", timing.seconds() < 30);
	}

	@AfterAll
	static void summaryOnTop() throws IOException {
		Summary.writeOnTop();
	}

	/**
	 * Whether a part of the benchmark is to run: all of them, or those that
	 * {@code -Dbenchmark.only=rating,startup,import,results,quickstart} names.
	 */
	static boolean selected(String part) {
		String only = System.getProperty("benchmark.only", "");
		return only.isBlank() || List.of(only.split(",")).contains(part);
	}

	static Map<String, String> postgresEnvironment(TestPostgres.Database database) {
		return Map.of("PAIRWISE_DB_URL", database.url(), "PAIRWISE_DB_USER", database.user(), "PAIRWISE_DB_PASSWORD",
				database.password());
	}

	private static String postgresSettings(JdbcClient jdbc) {
		return jdbc
			.sql("select 'version ' || current_setting('server_version') || ', fsync ' || current_setting('fsync')"
					+ " || ', synchronous_commit ' || current_setting('synchronous_commit')")
			.query(String.class)
			.single();
	}

	static Path freshDirectory(String name) throws IOException {
		Path directory = Report.directory().resolve(name);
		if (Files.exists(directory)) {
			try (var files = Files.walk(directory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		return Files.createDirectories(directory);
	}

	private static String cpuModel() throws IOException {
		return Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown CPU");
	}

	private static String memory() throws IOException {
		return Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((line) -> line.startsWith("MemTotal"))
			.map((line) -> String.format("%.0f GB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("unknown");
	}

	private static String loadAverage() throws IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + ", " + fields[1] + ", " + fields[2];
	}

}
