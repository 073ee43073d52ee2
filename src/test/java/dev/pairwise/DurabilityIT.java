package dev.pairwise;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.pairwise.testsupport.HttpTestClient;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing acknowledged is lost: the packaged jar runs as a child process on a temporary
 * data folder (H2 file database, as configured for production), 24 raters rate a study
 * concurrently over HTTP, the JVM is killed with SIGKILL in the middle of that load, and
 * the jar is started again on the same folder. Then every judgment that had been answered
 * 2xx is there, with the answer given (submitting it again answers 200 "unchanged"); no
 * rater has a judgment that was never sent; the studies are in the states they were in;
 * and a lease held at the kill is resumed as the same assignment.
 * <p>
 * {@code -Dpairwise.durability.write-delay=500} runs the app with H2's default write
 * delay instead of {@code WRITE_DELAY=0}, to watch this test catch the loss.
 */
class DurabilityIT {

	private static final Path JAR = Path.of(System.getProperty("pairwise.jar", "target/pairwise-0.1.0-SNAPSHOT.jar"));

	private static final String WRITE_DELAY = System.getProperty("pairwise.durability.write-delay");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ASSIGNMENT = Pattern.compile("\"assignmentId\":(\\d+)");

	private static final int RATERS = 24;

	private static final List<String> CHOICES = List.of("1", "2", "tie", "both-bad");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void everyAcknowledgedJudgmentSurvivesKillNineAndARestartResumesStudiesAndLeases() throws Exception {
		assumeTrue(Files.isRegularFile(JAR), "The durability test runs the packaged jar (" + JAR
				+ "); run it with ./mvnw verify, which packages first.");
		Path data = Files.createTempDirectory("pairwise-durability-");
		int port = freePort();
		App app = App.start(JAR, data, port);
		try {
			String base = "http://localhost:" + port;
			long study = createStudy(base, "durability", 20, true);
			long draft = createStudy(base, "durability draft", 1, false);
			long closed = createStudy(base, "durability closed", 1, true);
			admin(base, "POST", "/api/studies/" + closed + "/close", "");
			List<String> tokens = invite(base, study, RATERS + 1);
			String holder = tokens.remove(RATERS);
			long held = assignment(call(base, "GET", "/api/rate/" + holder + "/next", null).body());

			Load load = new Load(base, tokens);
			// Kill after a random number of acknowledgements, so that the kill lands
			// anywhere in a commit; bounded in time in case the load is slow.
			int killAt = 400 + new Random().nextInt(800);
			long started = System.nanoTime();
			load.start();
			load.awaitAcknowledged(killAt, Duration.ofSeconds(15));
			int inFlightAtKill = load.inFlight();
			app.kill();
			double seconds = (System.nanoTime() - started) / 1e9;
			load.stop();
			int acknowledged = load.acknowledged.size();
			System.out.printf(
					"Durability: %d judgments acknowledged in %.1f s (%.0f/s) by %d raters; killed with"
							+ " SIGKILL while %d answers were in flight%n",
					acknowledged, seconds, acknowledged / seconds, RATERS, inFlightAtKill);
			assertThat(acknowledged).as("judgments acknowledged before the kill").isGreaterThanOrEqualTo(200);

			long restarting = System.nanoTime();
			app = App.start(JAR, data, port);
			System.out.printf("Durability: restarted on the same data folder in %.1f s%n",
					(System.nanoTime() - restarting) / 1e9);

			JsonNode progress = JSON.readTree(admin(base, "GET", "/api/studies/" + study + "/progress", null).body());
			int stored = progress.path("done").asInt();
			int sent = acknowledged + load.unanswered.size();
			assertThat(stored).as("judgments stored: all acknowledged, at most those in flight more")
				.isBetween(acknowledged, sent);
			Map<String, Integer> storedByRater = new ConcurrentHashMap<>();
			for (JsonNode rater : progress.path("byRater")) {
				storedByRater.put(rater.path("label").asString(), rater.path("judgments").asInt());
			}
			for (int r = 0; r < RATERS; r++) {
				String label = "durable-" + String.format("%02d", r + 1);
				int raterAcknowledged = load.acknowledgedBy(tokens.get(r));
				int raterUnanswered = load.unansweredBy(tokens.get(r));
				assertThat(storedByRater.getOrDefault(label, 0)).as(label)
					.isBetween(raterAcknowledged, raterAcknowledged + raterUnanswered);
			}
			// Each acknowledged judgment is stored with the answer given: the same answer
			// again is recognised as already recorded.
			for (Answer answer : load.acknowledged) {
				HttpResponse<String> again = call(base, "POST", "/api/rate/" + answer.token() + "/judgments",
						answer.json());
				assertThat(again.statusCode()).as(answer + ": " + again.body()).isEqualTo(200);
				assertThat(again.body()).contains("\"status\":\"unchanged\"");
			}
			assertThat(state(base, study)).isEqualTo("OPEN");
			assertThat(state(base, draft)).isEqualTo("DRAFT");
			assertThat(state(base, closed)).isEqualTo("CLOSED");
			assertThat(assignment(call(base, "GET", "/api/rate/" + holder + "/next", null).body()))
				.as("the lease held at the kill is resumed")
				.isEqualTo(held);
		}
		finally {
			app.kill();
			deleteTree(data);
		}
	}

	private long createStudy(String base, String name, int k, boolean open) throws Exception {
		String body = JSON.writeValueAsString(Map.of("name", name, "evalSet", "flan-style-190", "models",
				List.of("instruction-tuned-demo", "base-demo"), "ratingsPerTask", k));
		HttpResponse<String> created = admin(base, "POST", "/api/studies", body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = JSON.readTree(created.body()).path("id").asLong();
		if (open) {
			admin(base, "POST", "/api/studies/" + id + "/open", "");
		}
		return id;
	}

	private List<String> invite(String base, long study, int count) throws Exception {
		HttpResponse<String> invited = admin(base, "POST", "/api/studies/" + study + "/invites",
				JSON.writeValueAsString(Map.of("count", count, "label", "durable")));
		List<String> tokens = new ArrayList<>();
		for (JsonNode invite : JSON.readTree(invited.body())) {
			String url = invite.path("url").asString();
			tokens.add(url.substring(url.lastIndexOf('/') + 1));
		}
		return tokens;
	}

	private String state(String base, long study) throws Exception {
		return JSON.readTree(admin(base, "GET", "/api/studies/" + study, null).body()).path("state").asString();
	}

	private HttpResponse<String> admin(String base, String method, String path, String body) throws Exception {
		String basic = java.util.Base64.getEncoder()
			.encodeToString(("admin:" + HttpTestClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		return this.http.send(request(base, method, path, body).header("Authorization", "Basic " + basic).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> call(String base, String method, String path, String body) throws Exception {
		return this.http.send(request(base, method, path, body).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String base, String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
	}

	private static long assignment(String json) {
		Matcher matcher = ASSIGNMENT.matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/** One answer as sent: whose, to which assignment, what. */
	record Answer(String token, long assignmentId, String choice) {

		String json() {
			return "{\"assignmentId\":" + this.assignmentId + ",\"choice\":\"" + this.choice + "\"}";
		}

	}

	/**
	 * Raters on their own threads, each asking for a task and answering it until the app
	 * goes away. An answer is acknowledged when a 2xx came back, and unanswered when it
	 * was sent and no answer came.
	 */
	private final class Load {

		private final String base;

		private final List<String> tokens;

		private final ExecutorService threads;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final CountDownLatch stopped;

		final List<Answer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());

		final List<Answer> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());

		private final AtomicInteger sending = new AtomicInteger();

		Load(String base, List<String> tokens) {
			this.base = base;
			this.tokens = tokens;
			this.threads = Executors.newFixedThreadPool(tokens.size());
			this.stopped = new CountDownLatch(tokens.size());
		}

		void start() {
			for (String token : this.tokens) {
				this.threads.submit(() -> rate(token));
			}
		}

		private void rate(String token) {
			Random random = new Random(token.hashCode());
			try {
				while (this.running.get()) {
					HttpResponse<String> next;
					try {
						next = call(this.base, "GET", "/api/rate/" + token + "/next", null);
					}
					catch (Exception ex) {
						return;
					}
					if (next.statusCode() != 200) {
						return;
					}
					Answer answer = new Answer(token, assignment(next.body()),
							CHOICES.get(random.nextInt(CHOICES.size())));
					this.sending.incrementAndGet();
					try {
						HttpResponse<String> judged = call(this.base, "POST", "/api/rate/" + token + "/judgments",
								answer.json());
						if (judged.statusCode() / 100 == 2) {
							this.acknowledged.add(answer);
						}
						else {
							return;
						}
					}
					catch (Exception ex) {
						this.unanswered.add(answer);
						return;
					}
					finally {
						this.sending.decrementAndGet();
					}
				}
			}
			finally {
				this.stopped.countDown();
			}
		}

		void awaitAcknowledged(int count, Duration limit) throws InterruptedException {
			long deadline = System.nanoTime() + limit.toNanos();
			while (this.acknowledged.size() < count && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
		}

		int inFlight() {
			return this.sending.get();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			assertThat(this.stopped.await(30, TimeUnit.SECONDS)).as("every rater thread ended").isTrue();
			this.threads.shutdownNow();
		}

		int acknowledgedBy(String token) {
			synchronized (this.acknowledged) {
				return (int) this.acknowledged.stream().filter((answer) -> answer.token().equals(token)).count();
			}
		}

		int unansweredBy(String token) {
			synchronized (this.unanswered) {
				return (int) this.unanswered.stream().filter((answer) -> answer.token().equals(token)).count();
			}
		}

	}

	/** The packaged app as a child process, with its own log in the data folder. */
	private static final class App {

		private final Process process;

		private App(Process process) {
			this.process = process;
		}

		static App start(Path jar, Path data, int port) throws Exception {
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(
					List.of(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
							"--pairwise.data-dir=" + data, "--pairwise.admin.password=" + HttpTestClient.ADMIN_PASSWORD,
							"--pairwise.eval-sets=" + Path.of("eval-sets").toAbsolutePath()));
			if (WRITE_DELAY != null) {
				command.add("--spring.datasource.url=jdbc:h2:file:" + data + "/pairwise;WRITE_DELAY=" + WRITE_DELAY
						+ ";LOCK_TIMEOUT=10000");
			}
			Path log = data.resolve("app-" + System.nanoTime() + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new AssertionError("the app exited:\n" + Files.readString(log));
				}
				try {
					HttpResponse<String> health = http.send(
							HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString());
					if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
						return new App(process);
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				Thread.sleep(200);
			}
			process.destroyForcibly();
			throw new AssertionError("the app did not become healthy in 90 s:\n" + Files.readString(log));
		}

		/**
		 * SIGKILL: on Unix, {@link Process#destroyForcibly()} sends signal 9, so the JVM
		 * gets no chance to flush or close anything.
		 */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}

	}

}
