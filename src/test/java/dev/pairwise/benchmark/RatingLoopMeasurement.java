package dev.pairwise.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pairwise.testsupport.AssignmentInvariants;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rating loop of one database, measured as issue 23 asks: saturation (closed loop)
 * and latency under an open load at a share of the raw durable ceiling measured just
 * before, commits and statements per judgment, app CPU per judgment and the heap after
 * the run. Sizes can be lowered to check that the benchmark runs end to end
 * ({@code -Dbenchmark.items=200 -Dbenchmark.raters=20 -Dbenchmark.warmupSeconds=5 ...}).
 */
final class RatingLoopMeasurement {

	static final int RATERS = Integer.getInteger("benchmark.raters", 200);

	static final int ITEMS = Integer.getInteger("benchmark.items", 4000);

	static final int RATINGS_PER_TASK = 20;

	/**
	 * Long enough for the JIT compilers to finish with the hot paths (on two cores C2 is
	 * still busy tens of seconds into a load).
	 */
	static final long WARMUP_MILLIS = Long.getLong("benchmark.warmupSeconds", 30) * 1000;

	static final long MEASURE_MILLIS = Long.getLong("benchmark.measureSeconds", 20) * 1000;

	static final long OPEN_MILLIS = Long.getLong("benchmark.openSeconds", 20) * 1000;

	static final double SATURATION_TARGET = 0.15;

	static final double OPEN_SHARE = 0.03;

	static final double OPEN_P99_TARGET_MILLIS = 50;

	private RatingLoopMeasurement() {
	}

	/**
	 * Sets the study up in the started app, runs both loads, checks the invariants and
	 * reports; {@code counters} is null where the database's own counters are not
	 * reachable from outside the app (H2 embedded).
	 */
	static void measure(String database, Callable<AppProcess> starter, double ceiling, DatabaseCounters counters,
			JdbcClient afterwards) throws Exception {
		long studyId;
		RatingLoad.Result closed;
		RatingLoad.Result open;
		CpuWindow cpu;
		long[] before;
		long[] after;
		String heap;
		try (AppProcess app = starter.call()) {
			Admin admin = new Admin(app.port());
			studyId = prepareStudy(admin);
			List<String> closedRaters = admin.invite(studyId, RATERS);
			List<String> openRaters = admin.invite(studyId, RATERS);
			before = (counters != null) ? counters.snapshot() : null;
			cpu = new CpuWindow(app);
			closed = RatingLoad.closed(app.port(), closedRaters, WARMUP_MILLIS, MEASURE_MILLIS, cpu);
			if (counters != null) {
				// PostgreSQL's backends publish their commit counts within ten seconds of
				// going idle.
				AppProcess.sleep(11_000);
			}
			after = (counters != null) ? counters.snapshot() : null;
			open = RatingLoad.open(app.port(), openRaters, OPEN_SHARE * ceiling, OPEN_MILLIS, RatingLoad.NO_WINDOW);
			heap = app.heapAfterFullGc();
		}
		List<String> violations = new AssignmentInvariants(afterwards, studyId).violations();
		long totalJudgments = closed.allJudgments();
		double share = closed.perSecond() / ceiling;
		Summary.row(database, "saturation: judgments/s, " + RATERS + " closed-loop raters", "≥ 15% of ceiling",
				String.format("%,.0f /s", closed.perSecond()), ceiling, String.format("%.1f%%", 100 * share),
				share >= SATURATION_TARGET);
		Summary.row(database,
				String.format("open load at 3%% of ceiling (%,.0f /s offered): p50 / p99", OPEN_SHARE * ceiling),
				"p99 < 50 ms", String.format("%.1f / %.1f ms", open.p50(), open.p99()), ceiling, "3%",
				open.p99() < OPEN_P99_TARGET_MILLIS);
		Summary.row(database, "rating client: round trips per judgment", "1",
				closed.oneRoundTrip() ? "1 (`judgments?next=true` answered the next task)"
						: "2 (the app answered without `next`: `GET next` after each judgment)",
				0, "", closed.oneRoundTrip());
		Summary.row(database, "closed-loop judgment p50 / p99 (mirrors throughput)", "–",
				String.format("%.1f / %.1f ms", closed.p50(), closed.p99()), 0, "", null);
		if (counters != null) {
			Summary.row(database,
					"commits per judgment (pg_stat_database.xact_commit over the closed run, the app's background work included)",
					"1", String.format("%.2f", (after[0] - before[0]) / (double) totalJudgments), 0, "",
					(after[0] - before[0]) <= 1.05 * totalJudgments);
			Summary.row(database, "statements per judgment (pg_stat_statements calls)", "–",
					(after[1] < 0) ? "pg_stat_statements not loaded"
							: String.format("%.1f", (after[1] - before[1]) / (double) totalJudgments),
					0, "", null);
		}
		else {
			Summary.row(database, "statements and commits per judgment", "≤ 6 statements",
					"counted by the statement-count test (H2 is embedded in the app)", 0, "", null);
		}
		Summary.row(database, "app CPU per judgment", "–",
				String.format("%.2f ms", (double) cpu.app / Math.max(1, closed.judgments())), 0, "", null);
		Summary.row(database, "heap after the run (after a full GC, -Xmx512m)", "–", heap, 0, "", null);

		Report.line("### Rating loop over HTTP, %s", database);
		Report.line("");
		Report.line(
				"Study of %,d items × 2 models × k = %d; raw durable ceiling (single-row insert + commit, plain"
						+ " JDBC, 1 connection) **%,.0f commits/s**, measured just before. Client mode: %s.",
				ITEMS, RATINGS_PER_TASK, ceiling, closed.mode());
		Report.line("");
		Report.line("| load | judgments | per second | share of ceiling | p50 | p99 |");
		Report.line("|---|---|---|---|---|---|");
		Report.line(
				"| closed: %d raters, no think time, %.0f s warm-up, %.0f s measured | %,d | **%,.0f** | %.1f%% |"
						+ " %.1f ms | %.1f ms |",
				RATERS, WARMUP_MILLIS / 1000.0, closed.seconds(), closed.judgments(), closed.perSecond(), 100 * share,
				closed.p50(), closed.p99());
		Report.line(
				"| open: Poisson arrivals at %,.0f /s for %.0f s, latency from the scheduled start | %,d | %,.0f"
						+ " | %.1f%% | %.1f ms | **%.1f ms** |",
				OPEN_SHARE * ceiling, open.seconds(), open.judgments(), open.perSecond(),
				100 * open.perSecond() / ceiling, open.p50(), open.p99());
		Report.line("");
		Report.line("CPU in the closed window: the app %,d ms (%.0f%% of %d cores), the load generator %,d ms.",
				cpu.app, 100.0 * cpu.app / (closed.seconds() * 1000 * Runtime.getRuntime().availableProcessors()),
				Runtime.getRuntime().availableProcessors(), cpu.client);
		Report.line("Errors: %d closed, %d open; double submissions answered 200: %d; invariant violations: %d.",
				closed.errors(), open.errors(), closed.duplicates() + open.duplicates(), violations.size());
		if (!closed.firstErrors().isEmpty() || !open.firstErrors().isEmpty()) {
			Report.line("First errors: %s %s", closed.firstErrors(), open.firstErrors());
		}
		violations.forEach((violation) -> Report.line("- VIOLATION %s", violation));
		Report.line("");
		assertThat(violations).isEmpty();
		assertThat(closed.errors() + open.errors()).isZero();
	}

	private static long prepareStudy(Admin admin) {
		admin.uploadItems("bench-rating", Dataset.items(ITEMS, 1));
		admin.uploadOutputs("bench-rating", "model-a", Dataset.outputs(ITEMS, 1000, 2));
		admin.uploadOutputs("bench-rating", "model-b", Dataset.outputs(ITEMS, 1000, 3));
		return admin
			.openStudy("{\"name\":\"benchmark\",\"evalSet\":\"bench-rating\",\"models\":[\"model-a\",\"model-b\"],"
					+ "\"ratingsPerTask\":" + RATINGS_PER_TASK + "}");
	}

	/** A database's own counters: commits and executed statements, so far. */
	interface DatabaseCounters {

		/** {commits, statements}; statements −1 when the database does not count them. */
		long[] snapshot();

	}

	/**
	 * CPU time of the app and of this JVM (the load generator) over the measured window.
	 */
	static final class CpuWindow implements RatingLoad.Window {

		private final AppProcess process;

		private final com.sun.management.OperatingSystemMXBean self = (com.sun.management.OperatingSystemMXBean) ManagementFactory
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
				throw new UncheckedIOException(ex);
			}
		}

	}

}
