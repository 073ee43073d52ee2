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

import dev.pairwise.TestPostgres;
import dev.pairwise.rating.AssignmentInvariants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md's performance targets, measured on the packaged app in its own JVM with
 * {@code -Xmx512m}: the rating loop over HTTP (H2 and PostgreSQL) beside the raw commit
 * rate of the same database, results for a million judgments, a 100,000-line output
 * import, and start-up to ready. Prints the figures and writes them to
 * {@code target/benchmark/report.md}. Run with {@code ./mvnw -Pbenchmark verify}
 * (README); correctness (invariants, errors) fails the run, timings are reported, not
 * asserted.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerformanceBenchmark {

	static final int RATERS = 200;

	/**
	 * Long enough for the JIT compilers to finish with the hot paths (on two cores C2 is
	 * still busy tens of seconds into a load), so that the window measures a server in
	 * its steady state.
	 */
	static final long WARMUP_MILLIS = 30_000;

	static final long MEASURE_MILLIS = 20_000;

	static final int RATING_ITEMS = 10_000;

	static final int RATINGS_PER_TASK = 5;

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
		}
		Report.line("");
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
			admin.invite(two, RATERS);
			admin.invite(five, RATERS);
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
		Matcher assignment = RatingLoad.ASSIGNMENT.matcher(task);
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
		Path data = freshDirectory("h2-rating");
		String h2Options = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
		double rawOne = RawCommitRate.measure("jdbc:h2:file:" + data.resolve("raw-probe") + h2Options, "sa", "", 1, 5);
		double rawMany = RawCommitRate.measure("jdbc:h2:file:" + data.resolve("raw-probe") + h2Options, "sa", "", 8, 5);
		long studyId;
		RatingLoad.Result result;
		CpuWindow cpu;
		try (AppProcess app = AppProcess.start(Report.directory().resolve("h2-rating.log"),
				List.of("--pairwise.data-dir=" + data), Map.of())) {
			studyId = prepareRatingStudy(app.port());
			cpu = new CpuWindow(app);
			result = RatingLoad.run(List.of(app.port()), new Admin(app.port()).invite(studyId, RATERS), WARMUP_MILLIS,
					MEASURE_MILLIS, cpu);
		}
		JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:file:" + data.resolve("pairwise") + h2Options, "sa", ""));
		reportRatingLoop("H2 file database (WRITE_DELAY=0: every acknowledged judgment committed)", result, cpu, rawOne,
				rawMany, new AssignmentInvariants(jdbc, studyId));
	}

	@Test
	@Order(3)
	void ratingLoopOnPostgres() throws Exception {
		if (!TestPostgres.configured()) {
			Report
				.line("### Rating loop, PostgreSQL: not run (no PAIRWISE_TEST_POSTGRES_URL; .ci/benchmark starts one)");
			return;
		}
		TestPostgres.Database database = TestPostgres.createDatabase();
		double rawOne = RawCommitRate.measure(database.url(), database.user(), database.password(), 1, 5);
		double rawMany = RawCommitRate.measure(database.url(), database.user(), database.password(), 8, 5);
		long studyId;
		RatingLoad.Result result;
		CpuWindow cpu;
		try (AppProcess app = AppProcess.start(Report.directory().resolve("postgres-rating.log"),
				List.of("--spring.profiles.active=postgres"), postgresEnvironment(database))) {
			studyId = prepareRatingStudy(app.port());
			cpu = new CpuWindow(app);
			result = RatingLoad.run(List.of(app.port()), new Admin(app.port()).invite(studyId, RATERS), WARMUP_MILLIS,
					MEASURE_MILLIS, cpu);
		}
		JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(),
				database.user(), database.password()));
		reportRatingLoop("PostgreSQL " + postgresSettings(jdbc), result, cpu, rawOne, rawMany,
				new AssignmentInvariants(jdbc, studyId));
	}

	private static long prepareRatingStudy(int port) {
		Admin admin = new Admin(port);
		admin.uploadItems("bench-rating", Dataset.items(RATING_ITEMS, 1));
		admin.uploadOutputs("bench-rating", "model-a", Dataset.outputs(RATING_ITEMS, 1000, 2));
		admin.uploadOutputs("bench-rating", "model-b", Dataset.outputs(RATING_ITEMS, 1000, 3));
		return admin
			.openStudy("{\"name\":\"benchmark\",\"evalSet\":\"bench-rating\",\"models\":[\"model-a\",\"model-b\"],"
					+ "\"ratingsPerTask\":" + RATINGS_PER_TASK + "}");
	}

	private static void reportRatingLoop(String database, RatingLoad.Result result, CpuWindow cpu, double rawOne,
			double rawMany, AssignmentInvariants invariants) {
		List<String> violations = invariants.violations();
		int[] left = invariants.leftIsAOf();
		Report.line("### Rating loop over HTTP, %s", database);
		Report.line("");
		Report.line("%d simulated raters without think time, %.0f s warm-up, %.0f s measured; %d tasks, k = %d.",
				RATERS, WARMUP_MILLIS / 1000.0, result.seconds(), RATING_ITEMS, RATINGS_PER_TASK);
		Report.line("");
		Report.line("| figure | target | measured |");
		Report.line("|---|---|---|");
		Report.line("| completed judgments per second | ≥ 1,500 | **%,.0f** (%,d in %.0f s) |", result.perSecond(),
				result.judgments(), result.seconds());
		Report.line("| `GET next` p50 / p99 | p99 < 50 ms | %.1f ms / **%.1f ms** (%,d calls) |",
				Report.millisAt(result.nextNanos(), 0.5), Report.millisAt(result.nextNanos(), 0.99),
				result.nextNanos().length);
		Report.line("| `POST judgments` p50 / p99 | p99 < 50 ms | %.1f ms / **%.1f ms** (%,d calls) |",
				Report.millisAt(result.submitNanos(), 0.5), Report.millisAt(result.submitNanos(), 0.99),
				result.submitNanos().length);
		Report.line("| invariant violations | 0 | **%d** |", violations.size());
		Report.line("| raw limit: single-row insert + commit, plain JDBC, 1 connection | | %,.0f commits/s |", rawOne);
		Report.line("| raw limit: the same, 8 connections at once | | %,.0f commits/s |", rawMany);
		Report.line("");
		Report.line(
				"CPU in the measured window: the app %,d ms (%.0f%% of the 2 cores, %.2f ms per judgment), the load"
						+ " generator %,d ms.",
				cpu.app, 100.0 * cpu.app / (result.seconds() * 1000 * 2),
				(double) cpu.app / Math.max(1, result.judgments()), cpu.client);
		Report.line(
				"Errors: %d; double submissions answered 200: %d; coverage spread (max − min accepted + leased): %d;"
						+ " left = model_a in %d of %d judgments.",
				result.errors(), result.duplicates(), invariants.coverageSpread(), left[0], left[1]);
		if (!result.firstErrors().isEmpty()) {
			Report.line("First errors: %s", result.firstErrors());
		}
		violations.forEach((violation) -> Report.line("- VIOLATION %s", violation));
		Report.line("");
		assertThat(violations).isEmpty();
		assertThat(result.errors()).isZero();
	}

	/**
	 * CPU time of the app and of this JVM (the load generator) over the measured window.
	 */
	static final class CpuWindow implements RatingLoad.Window {

		private final AppProcess process;

		private final com.sun.management.OperatingSystemMXBean self = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();

		private long appAtStart;

		private long clientAtStart;

		long app;

		long client;

		CpuWindow(AppProcess process) {
			this.process = process;
		}

		@Override
		public void opens() {
			this.appAtStart = appCpu();
			this.clientAtStart = this.self.getProcessCpuTime() / 1_000_000;
		}

		@Override
		public void closes() {
			this.app = appCpu() - this.appAtStart;
			this.client = this.self.getProcessCpuTime() / 1_000_000 - this.clientAtStart;
		}

		private long appCpu() {
			try {
				return this.process.cpuMillis();
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

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
