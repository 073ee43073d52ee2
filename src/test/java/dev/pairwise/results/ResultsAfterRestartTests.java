package dev.pairwise.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.PairwiseApplication;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on an H2 file: once the app is ready it computes the results of each open
 * study with judgments in the background, so that the first admin to open them after the
 * restart is not the one who waits for every judgment to be read.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResultsAfterRestartTests {

	@TempDir
	Path data;

	@TempDir
	Path evalSets;

	@Test
	void theResultsOfOpenStudiesAreComputedOnceTheAppIsReady(CapturedOutput output) throws Exception {
		long open;
		long closed;
		try (ConfigurableApplicationContext app = start()) {
			HttpTestClient admin = HttpTestClient.admin(port(app));
			StudyFixture fixture = new StudyFixture(admin);
			Map<String, String[]> items = new LinkedHashMap<>();
			items.put("p1", new String[] { "planning", "zero-shot" });
			items.put("p2", new String[] { "creativity", "zero-shot" });
			String evalSet = fixture.evalSet("restart", items);
			for (String model : List.of("flan", "base")) {
				fixture.outputs(evalSet, model, Map.of("p1", model + " one", "p2", model + " two"));
			}
			open = studyWithJudgments(admin, fixture, evalSet);
			closed = studyWithJudgments(admin, fixture, evalSet);
			assertThat(admin.post("/api/studies/" + closed + "/close", "application/json", "").status()).isEqualTo(200);
		}
		int before = output.getAll().length();

		try (ConfigurableApplicationContext app = start()) {
			String computed = "Results of study " + open + " (4 judgments";
			for (int wait = 0; wait < 300 && !output.getAll().substring(before).contains(computed); wait++) {
				Thread.sleep(100);
			}
			assertThat(output.getAll().substring(before)).as("computed without a request").contains(computed);
			Instant asked = Instant.now();
			HttpTestClient admin = HttpTestClient.admin(port(app));

			HttpTestClient.Response results = admin.get("/api/studies/" + open + "/results");
			assertThat(results.status()).isEqualTo(200);
			assertThat(results.json().path("judgments").asInt()).isEqualTo(4);
			assertThat(Instant.parse(results.json().path("computedAt").asString())).isBefore(asked);
			assertThat(output.getAll().substring(before)).doesNotContain("Results of study " + closed + " (");
		}
	}

	private static long studyWithJudgments(HttpTestClient admin, StudyFixture fixture, String evalSet) {
		long study = fixture.study(evalSet, List.of("flan", "base"));
		StringBuilder jsonl = new StringBuilder();
		for (String judge : List.of("r1", "r2")) {
			for (String item : List.of("p1", "p2")) {
				jsonl.append(StudyFixture.line(Map.of("item_id", item, "model_a", "flan", "model_b", "base", "winner",
						"model_a", "judge", judge)));
			}
		}
		assertThat(fixture.importJsonl(study, "panel", jsonl.toString()).status()).isEqualTo(201);
		assertThat(admin.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		return study;
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(PairwiseApplication.class).run("--server.port=0",
				"--pairwise.data-dir=" + this.data, "--pairwise.eval-sets=" + this.evalSets,
				"--pairwise.admin.password=" + HttpTestClient.ADMIN_PASSWORD, "--spring.main.banner-mode=off");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
