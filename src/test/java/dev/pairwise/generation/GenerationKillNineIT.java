package dev.pairwise.generation;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.pairwise.testsupport.HttpTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A generation run survives kill -9: the packaged jar runs as a child process on a
 * temporary data folder and generates five samples for each of the bundled set's 190
 * items from the n-gram endpoint; the JVM is killed with SIGKILL in the middle of the run
 * and started again on the same folder. The restarted app resumes the run by itself and
 * finishes it. Counting on the endpoint's side, every item was asked once, except those
 * whose answer was in flight at the kill (at most one per concurrent request), asked
 * twice; no item whose samples were stored was asked again. The selection then equals the
 * rule computed here, and the API key is gone from the database and was never in the
 * app's log.
 */
class GenerationKillNineIT {

	private static final Path JAR = Path.of(System.getProperty("pairwise.jar", "target/pairwise-0.1.0-SNAPSHOT.jar"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String KEY = "sk-durable-secret-4242";

	private static final int CONCURRENCY = 4;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aRunKilledMidwayResumesAfterARestartWithoutAskingForStoredItemsAgain() throws Exception {
		assumeTrue(Files.isRegularFile(JAR), "runs the packaged jar (" + JAR + "): run it with ./mvnw verify");
		CharNgramModel model = CharNgramModel.trainedOnTheBundledPrompts();
		Map<String, String> prompts = new HashMap<>();
		for (String line : Files.readAllLines(Path.of("eval-sets/flan-style-190/items.jsonl"))) {
			if (!line.isBlank()) {
				JsonNode item = JSON.readTree(line);
				prompts.put(item.path("id").asString(), item.path("prompt").asString());
			}
		}
		Path data = Files.createTempDirectory("pairwise-generation-");
		int port = freePort();
		String base = "http://localhost:" + port;
		Process app = null;
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.requiredKey = KEY;
			server.delayMillis = 120;
			app = start(data, port);
			String request = JSON.writeValueAsString(Map.of("evalSet", "flan-style-190", "model", "ngram-durable",
					"endpoint", Map.of("baseUrl", server.baseUrl(), "api", "chat", "model", "ngram-3", "apiKey", KEY),
					"samples", 5, "temperature", 0.7, "maxTokens", 20, "selection", "flan"));
			HttpResponse<String> started = admin(base, "POST", "/api/generations", request);
			assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
			long id = JSON.readTree(started.body()).path("id").asLong();

			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (status(base, id).path("done").asInt() < 40 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			app.destroyForcibly();
			app.waitFor(30, TimeUnit.SECONDS);
			int askedBeforeKill = server.totalRequests();
			assertThat(askedBeforeKill).as("killed in the middle of the run").isBetween(40, 185);

			app = start(data, port);
			JsonNode status = status(base, id);
			deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (!status.path("state").asString().equals("done") && System.nanoTime() < deadline) {
				assertThat(status.path("state").asString()).as(status.toString()).isIn("queued", "running");
				Thread.sleep(100);
				status = status(base, id);
			}
			assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("done");
			assertThat(status.path("done").asInt()).isEqualTo(190);
			assertThat(status.path("errors").asInt()).isZero();

			assertThat(server.requests).hasSize(190);
			List<String> askedTwice = new ArrayList<>();
			server.requests.forEach((prompt, count) -> {
				assertThat(count.get()).as("requests for one item").isBetween(1, 2);
				if (count.get() == 2) {
					askedTwice.add(prompt);
				}
			});
			System.out.printf("Generation kill -9: %d requests before the kill, %d items asked again after it%n",
					askedBeforeKill, askedTwice.size());
			assertThat(askedTwice.size()).as("only answers in flight at the kill are asked again")
				.isLessThanOrEqualTo(CONCURRENCY);

			JsonNode selection = JSON.readTree(
					admin(base, "GET", "/api/eval-sets/flan-style-190/models/ngram-durable/selection", null).body());
			assertThat(selection).hasSize(190);
			for (JsonNode item : selection) {
				assertThat(item.path("samples")).hasSize(5);
				IndependentSelection.assertFlanRule(model, item, prompts.get(item.path("itemId").asString()));
			}
			app.destroyForcibly();
			app.waitFor(30, TimeUnit.SECONDS);
			assertThat(storedKeys(data)).as("API keys kept after the run ended").isZero();
			try (Stream<Path> logs = Files.list(data)) {
				for (Path log : logs.filter((file) -> file.toString().endsWith(".log")).toList()) {
					assertThat(Files.readString(log)).as(log.toString()).doesNotContain(KEY);
				}
			}
		}
		finally {
			if (app != null) {
				app.destroyForcibly();
				app.waitFor(30, TimeUnit.SECONDS);
			}
			deleteTree(data);
		}
	}

	private static int storedKeys(Path data) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data + "/pairwise", "sa", "");
				ResultSet rows = connection.createStatement()
					.executeQuery("select count(*) from generation_run where api_key is not null")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private JsonNode status(String base, long id) throws Exception {
		return JSON.readTree(admin(base, "GET", "/api/generations/" + id, null).body());
	}

	private HttpResponse<String> admin(String base, String method, String path, String body) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString(("admin:" + HttpTestClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + basic)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The packaged app as a child process, logging into the data folder; waits until
	 * healthy.
	 */
	private Process start(Path data, int port) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = List.of(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
				"--server.port=" + port, "--pairwise.data-dir=" + data,
				"--pairwise.admin.password=" + HttpTestClient.ADMIN_PASSWORD,
				"--pairwise.eval-sets=" + Path.of("eval-sets").toAbsolutePath(),
				"--pairwise.generation.concurrency=" + CONCURRENCY, "--pairwise.generation.backoff=10ms");
		Path log = data.resolve("app-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("the app exited:\n" + Files.readString(log));
			}
			try {
				HttpResponse<String> health = this.http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return process;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		process.destroyForcibly();
		throw new AssertionError("the app did not become healthy in 120 s:\n" + Files.readString(log));
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

}
