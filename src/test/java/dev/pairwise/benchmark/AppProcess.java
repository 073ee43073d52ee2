package dev.pairwise.benchmark;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app in a JVM of its own with {@code -Xmx512m}, as it runs in production:
 * the load generator's threads and heap do not share its JVM. Start-up is timed from the
 * process launch to the first {@code UP} of {@code /actuator/health/readiness}.
 */
final class AppProcess implements AutoCloseable {

	static final String HEAP = "-Xmx512m";

	static final String ADMIN_PASSWORD = "benchmark-admin-secret";

	/** The kernel's clock ticks per second in /proc/<pid>/stat: 100 on Linux. */
	private static final long CLOCK_TICKS = 100;

	private final Process process;

	private final int port;

	private final long startupMillis;

	private AppProcess(Process process, int port, long startupMillis) {
		this.process = process;
		this.port = port;
		this.startupMillis = startupMillis;
	}

	/**
	 * Starts the jar with the given extra arguments and environment, logging to
	 * {@code log}, and waits until it is ready.
	 */
	static AppProcess start(Path log, List<String> arguments, Map<String, String> environment) throws IOException {
		return start(Launch.JAR, log, arguments, environment);
	}

	static AppProcess start(Launch launch, Path log, List<String> arguments, Map<String, String> environment)
			throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP));
		String jfr = System.getProperty("benchmark.jfr");
		if (jfr != null && !jfr.isBlank()) {
			command.add("-XX:StartFlightRecording=filename=" + log.resolveSibling(log.getFileName() + ".jfr")
					+ ",settings=" + jfr);
		}
		if (launch == Launch.CLASS_DATA_SHARING) {
			command.add("-XX:SharedArchiveFile=" + ClassDataSharing.archive());
		}
		Path jar = (launch == Launch.CLASS_DATA_SHARING) ? ClassDataSharing.extractedJar() : jar();
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.main.banner-mode=off",
				"--pairwise.admin.password=" + ADMIN_PASSWORD));
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(projectDirectory().toFile());
		builder.environment().putAll(environment);
		long start = System.nanoTime();
		Process process = builder.start();
		long deadline = start + Duration.ofMinutes(3).toNanos();
		while (!ready(port)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("the app did not become ready; see " + log);
			}
			sleep(20);
		}
		return new AppProcess(process, port, (System.nanoTime() - start) / 1_000_000);
	}

	int port() {
		return this.port;
	}

	long startupMillis() {
		return this.startupMillis;
	}

	/** CPU time the app's process has used so far (user and system), from /proc. */
	long cpuMillis() throws IOException {
		String stat = Files.readString(Path.of("/proc/" + this.process.pid() + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS;
	}

	/**
	 * The app's heap in use after a full collection (its live data), as {@code jcmd}
	 * reports it.
	 */
	String heapAfterFullGc() throws IOException, InterruptedException {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		String pid = Long.toString(this.process.pid());
		new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
		Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
		String output = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		java.util.regex.Matcher used = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(output);
		return used.find() ? String.format("%.0f MB used of %.0f MB", Long.parseLong(used.group(2)) / 1024.0,
				Long.parseLong(used.group(1)) / 1024.0) : "unknown (" + output.strip() + ")";
	}

	/** Stops the app the way a service manager does (SIGTERM) and waits for it. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static Path projectDirectory() {
		return Path.of(System.getProperty("benchmark.project", ".")).toAbsolutePath().normalize();
	}

	static Path jar() throws IOException {
		try (var files = Files.list(projectDirectory().resolve("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("pairwise-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no target/pairwise-*.jar: build it with ./mvnw package"));
		}
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static boolean ready(int port) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI
				.create("http://127.0.0.1:" + port + "/actuator/health/readiness")
				.toURL()
				.openConnection();
			connection.setConnectTimeout(200);
			connection.setReadTimeout(2000);
			try {
				return connection.getResponseCode() == 200;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * How the app is launched: the packaged jar as it is, or extracted and with an
	 * archive of its classes (README, "Fast start-up").
	 */
	enum Launch {

		JAR, CLASS_DATA_SHARING

	}

	static void sleep(long millis) {
		sleep(millis, 0);
	}

	static void sleep(long millis, int nanos) {
		try {
			Thread.sleep(millis, nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
