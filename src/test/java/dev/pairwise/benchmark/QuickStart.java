package dev.pairwise.benchmark;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's quick start as a new user tries it: a fresh clone of this checkout (its
 * committed HEAD), then {@code ./mvnw spring-boot:run} with the Maven cache warm, timed
 * until {@code /} answers.
 */
final class QuickStart {

	private QuickStart() {
	}

	static Timing measure(Path directory) throws IOException, InterruptedException {
		Path clone = directory.resolve("clone");
		Process git = new ProcessBuilder("git", "clone", "-q", AppProcess.projectDirectory().toString(),
				clone.toString())
			.inheritIO()
			.start();
		if (git.waitFor() != 0) {
			return new Timing("git clone", Double.NaN, "git clone failed");
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// Offline and on a free port, so the figure is the build and the start, not the
		// network or a clash.
		List<String> command = List.of("./mvnw", "-o", "spring-boot:run",
				"-Dspring-boot.run.arguments=--server.port=" + port);
		long start = System.nanoTime();
		Process run = new ProcessBuilder(command).directory(clone.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("spring-boot-run.log").toFile())
			.start();
		try {
			long deadline = start + TimeUnit.MINUTES.toNanos(5);
			while (!answers(port)) {
				if (!run.isAlive() || System.nanoTime() > deadline) {
					return new Timing(String.join(" ", command), Double.NaN,
							"no page; see target/benchmark/quickstart/spring-boot-run.log");
				}
				AppProcess.sleep(100);
			}
			return new Timing(String.join(" ", command), (System.nanoTime() - start) / 1e9, "first page answered");
		}
		finally {
			run.descendants().forEach(ProcessHandle::destroy);
			run.destroy();
			run.waitFor(60, TimeUnit.SECONDS);
		}
	}

	private static boolean answers(int port) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/")
				.toURL()
				.openConnection();
			connection.setConnectTimeout(200);
			connection.setReadTimeout(5000);
			connection.setInstanceFollowRedirects(false);
			try {
				return connection.getResponseCode() > 0;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	record Timing(String command, double seconds, String outcome) {
	}

}
