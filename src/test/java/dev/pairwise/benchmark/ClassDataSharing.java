package dev.pairwise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the launch with class data sharing that the README recommends, the same way:
 * the jar extracted with Spring Boot's jar tools, then one training run that stops once
 * the application context is refreshed and leaves an archive of the classes it loaded.
 * Done once per benchmark run, under {@code target/benchmark/app}.
 */
final class ClassDataSharing {

	private static Path extracted;

	private ClassDataSharing() {
	}

	static synchronized Path extractedJar() throws IOException {
		if (extracted == null) {
			Path directory = PerformanceBenchmark.freshDirectory("app");
			Path jar = AppProcess.jar();
			run(directory, Report.directory().resolve("cds-extract.log"), AppProcess.javaBinary(), "-Djarmode=tools",
					"-jar", jar.toString(), "extract", "--destination", directory.toString());
			Path app = directory.resolve(jar.getFileName());
			Path training = PerformanceBenchmark.freshDirectory("cds-training");
			run(directory, Report.directory().resolve("cds-training.log"), AppProcess.javaBinary(),
					"-XX:ArchiveClassesAtExit=" + directory.resolve("pairwise.jsa"), "-Dspring.context.exit=onRefresh",
					"-jar", app.toString(), "--server.port=0", "--pairwise.data-dir=" + training);
			extracted = app;
		}
		return extracted;
	}

	static Path archive() throws IOException {
		return extractedJar().resolveSibling("pairwise.jsa");
	}

	private static void run(Path directory, Path log, String... command) throws IOException {
		Process process = new ProcessBuilder(List.of(command)).directory(AppProcess.projectDirectory().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("preparing class data sharing failed; see " + log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (!Files.exists(directory)) {
			throw new IllegalStateException("no " + directory);
		}
	}

}
