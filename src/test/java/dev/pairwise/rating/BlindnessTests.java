package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** No byte a rater receives names a model: pages, scripts, styles and API answers. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BlindnessTests {

	private static final List<String> MODEL_NAMES = List.of("instruction-tuned-demo", "base-demo");

	@LocalServerPort
	int port;

	@Test
	void noRaterFacingResponseNamesAModel() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy("Blind comparison", Map.of("attentionCheckRate", 0.3, "ratingsPerTask", 1,
				"categories", List.of("planning"), "settings", List.of("few-shot")));
		String token = fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		List<Response> seen = new ArrayList<>();
		seen.add(rater.get("/r/" + token));
		seen.add(rater.get("/r/" + token + "?lang=zh-CN"));
		seen.add(rater.get("/js/rate.js"));
		seen.add(rater.get("/css/pairwise.css"));
		for (int i = 0; i < 20; i++) {
			Response page = rater.get("/r/" + token + "/task");
			seen.add(page);
			Response next = rater.get("/api/rate/" + token + "/next");
			seen.add(next);
			if (next.status() == 204) {
				break;
			}
			long assignment = next.json().path("assignmentId").asLong();
			seen.add(rater.postJson("/api/rate/" + token + "/judgments",
					Map.of("assignmentId", assignment, "choice", "1")));
			seen.add(rater.postJson("/api/rate/" + token + "/judgments",
					Map.of("assignmentId", assignment, "choice", "2")));
		}
		assertThat(seen).hasSizeGreaterThan(10);
		for (Response response : seen) {
			for (String model : MODEL_NAMES) {
				assertThat(response.body().toLowerCase()).as("a rater-facing response mentions " + model)
					.doesNotContain(model);
			}
		}
	}

}
