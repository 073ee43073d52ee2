package dev.pairwise.rating;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.PairwiseApplication;
import dev.pairwise.testsupport.TestPostgres;
import dev.pairwise.testsupport.AssignmentInvariants;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md's scale-out: two app instances on the postgres profile share one PostgreSQL
 * database; they start at the same moment, and concurrent raters of two studies send
 * every other call to the other instance, answer twice, change answers, skip, and abandon
 * leases that then expire. Afterwards every assignment invariant must hold, coverage must
 * be exact, and an admin session made on one instance must work on the other.
 */
@Tag("postgres")
class TwoInstancesOnPostgresTests {

	private static final String PASSWORD = HttpTestClient.ADMIN_PASSWORD;

	private static final Pattern ASSIGNMENT = Pattern.compile("\"assignmentId\":(\\d+)");

	private static final String[] CHOICES = { "1", "2", "tie", "both-bad" };

	@Test
	void concurrentRatersSpreadOverTwoInstancesKeepEveryInvariant() throws Exception {
		TestPostgres.assumeConfigured();
		TestPostgres.Database database = TestPostgres.createDatabase();
		CompletableFuture<ConfigurableApplicationContext> startingA = CompletableFuture
			.supplyAsync(() -> start(database));
		CompletableFuture<ConfigurableApplicationContext> startingB = CompletableFuture
			.supplyAsync(() -> start(database));
		try (ConfigurableApplicationContext a = startingA.get(3, TimeUnit.MINUTES);
				ConfigurableApplicationContext b = startingB.get(3, TimeUnit.MINUTES)) {
			JdbcClient jdbc = a.getBean(JdbcClient.class);
			assertThat(count(jdbc, "select count(*) from eval_set where name = 'flan-style-190'"))
				.as("started together, the instances loaded the bundled set once")
				.isEqualTo(1);
			assertThat(count(jdbc, "select count(*) from study")).as("one demo study").isEqualTo(1);
			assertThat(count(jdbc, "select count(*) from account")).isEqualTo(1);

			List<HttpTestClient> instances = List.of(HttpTestClient.anonymous(port(a)),
					HttpTestClient.anonymous(port(b)));
			StudyFixture fixture = new StudyFixture(admin(port(a)));
			long first = fixture.createOpenStudy("two instances, k = 3",
					Map.of("ratingsPerTask", 3, "attentionCheckRate", 0.1));
			long second = fixture.createOpenStudy("two instances, k = 2, editable",
					Map.of("ratingsPerTask", 2, "allowEdit", true));
			List<String> firstRaters = fixture.invite(first, 30, null);
			firstRaters.addAll(fixture.invite(first, 5, 7));
			List<String> secondRaters = fixture.invite(second, 20, null);

			// Raters who take a task and walk away: their leases expire and a sweeper
			// returns the tasks to the pool. One answers late while the task has room
			// (counted); another answers once the others have filled it (refused). Only
			// leavers served a real task count here: a late answer to an attention check
			// has no task to fill and is always accepted.
			List<String> leavers = new ArrayList<>();
			List<Long> abandoned = new ArrayList<>();
			while (leavers.size() < 4) {
				String leaver = fixture.invite(first, 1, null).get(0);
				Response task = instances.get(leavers.size() % 2).get("/api/rate/" + leaver + "/next");
				long assignment = task.json().path("assignmentId").asLong();
				if (!isAttentionCheck(jdbc, assignment)) {
					leavers.add(leaver);
					abandoned.add(assignment);
				}
			}
			jdbc.sql("update assignment set expires_at = ? where id in (:ids)".replace("?", ":past"))
				.param("past", Timestamp.from(Instant.now().minusSeconds(60)))
				.param("ids", abandoned)
				.update();
			awaitSwept(jdbc, abandoned);
			assertThat(instances.get(1)
				.postJson("/api/rate/" + leavers.get(0) + "/judgments",
						Map.of("assignmentId", abandoned.get(0), "choice", "1"))
				.status()).as("a late answer while the task has room").isEqualTo(201);

			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger widestSpread = new AtomicInteger();
			Thread monitor = new Thread(() -> {
				while (running.get()) {
					widestSpread.accumulateAndGet(Math.max(new AssignmentInvariants(jdbc, first).coverageSpread(),
							new AssignmentInvariants(jdbc, second).coverageSpread()), Math::max);
					sleep(20);
				}
			});
			monitor.start();
			ExecutorService pool = Executors.newFixedThreadPool(firstRaters.size() + secondRaters.size());
			List<Future<Tally>> raters = new ArrayList<>();
			int index = 0;
			for (String token : firstRaters) {
				raters.add(pool.submit(rater(instances, token, index++, false)));
			}
			for (String token : secondRaters) {
				raters.add(pool.submit(rater(instances, token, index++, true)));
			}
			Tally total = new Tally();
			for (Future<Tally> rater : raters) {
				total.add(rater.get(5, TimeUnit.MINUTES));
			}
			running.set(false);
			monitor.join();
			pool.shutdown();

			assertThat(total.errors).as(total.firstError).isZero();
			Response tooLate = instances.get(0)
				.postJson("/api/rate/" + leavers.get(1) + "/judgments",
						Map.of("assignmentId", abandoned.get(1), "choice", "2"));
			assertThat(tooLate.status()).as("a late answer once the task is full").isEqualTo(409);
			assertThat(tooLate.json().path("detail").asString()).contains("time for this task ran out");
			for (long study : List.of(first, second)) {
				assertThat(new AssignmentInvariants(jdbc, study).violations()).isEmpty();
			}
			assertExactCoverage(jdbc, first, 190, 3);
			assertExactCoverage(jdbc, second, 190, 2);
			assertThat(widestSpread.get()).as("least covered first: coverage never drifted apart")
				.isLessThanOrEqualTo(2);
			assertThat(count(jdbc, "select count(*) from judgment where source = 'raters'")).as("answers stored once")
				.isEqualTo(total.created + 1);
			assertThat(count(jdbc, "select count(*) from judgment_edit")).isEqualTo(total.edited);
			assertThat(total.edited).isPositive();
			assertThat(total.skipped).isPositive();
			assertThat(count(jdbc, "select count(*) from judgment j join rater r on r.id = j.rater_id"
					+ " where r.quota = 7 and j.attention = false group by r.id order by 1 desc fetch first 1 rows only"))
				.isLessThanOrEqualTo(7);
			int[] left = new AssignmentInvariants(jdbc, first).leftIsAOf();
			// A fair coin: within five standard deviations of half.
			assertThat(Math.abs(left[0] - left[1] / 2.0)).isLessThan(5 * Math.sqrt(left[1]) / 2);

			long foreign = jdbc.sql("select min(id) from assignment where study_id = ?")
				.param(first)
				.query(Long.class)
				.single();
			assertThat(instances.get(1)
				.postJson("/api/rate/" + secondRaters.get(0) + "/judgments",
						Map.of("assignmentId", foreign, "choice", "1"))
				.status()).as("another study's assignment").isEqualTo(404);
			assertAdminSessionWorksOnTheOtherInstance(port(a), port(b));
			assertResultsCachedOnOneInstanceFollowAJudgmentStoredOnTheOther(port(a), port(b), second);
		}
	}

	private static boolean isAttentionCheck(JdbcClient jdbc, long assignment) {
		return jdbc
			.sql("select t.attention_kind is not null from assignment a join task t on t.id = a.task_id where a.id = ?")
			.param(assignment)
			.query(Boolean.class)
			.single();
	}

	private static void assertResultsCachedOnOneInstanceFollowAJudgmentStoredOnTheOther(int portA, int portB,
			long study) {
		HttpTestClient onA = admin(portA);
		HttpTestClient onB = admin(portB);
		int before = onB.get("/api/studies/" + study + "/results").json().path("judgments").asInt();
		assertThat(before).isEqualTo(190 * 2);
		Response imported = onA.post("/api/studies/" + study + "/judgments?source=late", "application/x-ndjson",
				"{\"item_id\": \"creativity-01\", \"model_a\": \"base-demo\", \"model_b\": \"instruction-tuned-demo\","
						+ " \"winner\": \"model_a\", \"judge\": \"late-judge\"}\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		int after = before;
		while (after == before && System.nanoTime() < deadline) {
			sleep(50);
			after = onB.get("/api/studies/" + study + "/results").json().path("judgments").asInt();
		}
		assertThat(after).as("results on B after a judgment stored through A").isEqualTo(before + 1);
	}

	private static Callable<Tally> rater(List<HttpTestClient> instances, String token, int index, boolean edits) {
		return () -> {
			Tally tally = new Tally();
			int turn = index;
			while (true) {
				HttpTestClient here = instances.get(turn++ % 2);
				HttpTestClient there = instances.get(turn % 2);
				Response next = here.get("/api/rate/" + token + "/next");
				if (next.status() == 204) {
					return tally;
				}
				if (next.status() != 200) {
					tally.error("next " + next.status() + " " + next.body());
					return tally;
				}
				Matcher assignment = ASSIGNMENT.matcher(next.body());
				assignment.find();
				long id = Long.parseLong(assignment.group(1));
				ThreadLocalRandom random = ThreadLocalRandom.current();
				if (random.nextInt(30) == 0) {
					Response skipped = there.postJson("/api/rate/" + token + "/skip", Map.of("assignmentId", id));
					tally.expect(skipped, 200);
					tally.skipped++;
					continue;
				}
				String choice = CHOICES[random.nextInt(CHOICES.length)];
				// Half the raters answer and take their next task in one request (issue
				// 23);
				// asking for the next task then resumes the one it leased.
				Response judged = there.postJson(
						"/api/rate/" + token + "/judgments" + ((index % 2 == 1) ? "?next=true" : ""),
						Map.of("assignmentId", id, "choice", choice));
				tally.expect(judged, 201);
				tally.created++;
				if (random.nextInt(10) == 0) {
					tally.expect(here.postJson("/api/rate/" + token + "/judgments",
							Map.of("assignmentId", id, "choice", choice)), 200);
				}
				if (edits && random.nextInt(10) == 0) {
					String other = choice.equals("1") ? "2" : "1";
					tally.expect(here.postJson("/api/rate/" + token + "/judgments",
							Map.of("assignmentId", id, "choice", other)), 200);
					tally.edited++;
				}
			}
		};
	}

	private static void assertExactCoverage(JdbcClient jdbc, long study, int tasks, int k) {
		assertThat(jdbc.sql("""
				select count(*) from task t where t.study_id = ? and t.attention_kind is null and t.accepted = ?
				  and t.leased = 0 and (select count(*) from judgment j where j.task_id = t.id) = ?""")
			.params(study, k, k)
			.query(Integer.class)
			.single()).isEqualTo(tasks);
	}

	private static void assertAdminSessionWorksOnTheOtherInstance(int portA, int portB) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> login = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String preLogin = sessionCookie(login);
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signedIn = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/login"))
				.header("Cookie", "SESSION=" + preLogin)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + PASSWORD + "&_csrf="
						+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> onB = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portB + "/"))
			.header("Cookie", "SESSION=" + sessionCookie(signedIn))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(onB.statusCode()).as("the session made on instance A, on instance B").isEqualTo(200);
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring("SESSION=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	private static void awaitSwept(JdbcClient jdbc, List<Long> assignments) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (jdbc.sql("select count(*) from assignment where id in (:ids) and state = 'expired'")
			.param("ids", assignments)
			.query(Integer.class)
			.single() < assignments.size()) {
			assertThat(System.nanoTime()).as("leases swept in time").isLessThan(deadline);
			sleep(50);
		}
	}

	private static ConfigurableApplicationContext start(TestPostgres.Database database) {
		return new SpringApplicationBuilder(PairwiseApplication.class).profiles("postgres")
			.listeners(new LoggingSetUp(true), new LoggingSetUp(false))
			.run("--server.port=0", "--PAIRWISE_DB_URL=" + database.url(), "--PAIRWISE_DB_USER=" + database.user(),
					"--PAIRWISE_DB_PASSWORD=" + database.password(), "--pairwise.admin.password=" + PASSWORD,
					"--pairwise.leases.sweep-interval=100ms", "--spring.main.banner-mode=off");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static HttpTestClient admin(int port) {
		return HttpTestClient.admin(port);
	}

	private static int count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	/** What one rater did, and the first thing that went wrong. */
	private static final class Tally {

		int created;

		int skipped;

		int edited;

		int errors;

		String firstError;

		void expect(Response response, int status) {
			if (response.status() != status) {
				error("expected " + status + " but got " + response.status() + ": " + response.body());
			}
		}

		void error(String message) {
			this.errors++;
			if (this.firstError == null) {
				this.firstError = message;
			}
		}

		void add(Tally other) {
			this.created += other.created;
			this.skipped += other.skipped;
			this.edited += other.edited;
			this.errors += other.errors;
			if (this.firstError == null) {
				this.firstError = other.firstError;
			}
		}

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Lets one instance at a time set up logging. The two instances share this JVM's one
	 * Logback context, and setting it up from two threads at once failed with a
	 * {@code ConcurrentModificationException} inside Logback; everything after it, the
	 * start-up work on the database that this test is about, still runs at the same time.
	 * One listener takes the lock before Spring Boot's {@code LoggingApplicationListener}
	 * (ordered {@code HIGHEST_PRECEDENCE + 20}), the other gives it back after it.
	 */
	private static final class LoggingSetUp
			implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

		private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

		private final boolean before;

		LoggingSetUp(boolean before) {
			this.before = before;
		}

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			if (this.before) {
				ONE_AT_A_TIME.acquireUninterruptibly();
			}
			else {
				ONE_AT_A_TIME.release();
			}
		}

		@Override
		public int getOrder() {
			return this.before ? Ordered.HIGHEST_PRECEDENCE : Ordered.HIGHEST_PRECEDENCE + 21;
		}

	}

}
