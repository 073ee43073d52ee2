package dev.pairwise.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A study sets its own "too fast" threshold, the median seconds per judgment below which
 * a rater is flagged.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TooFastThresholdTests {

	private static final List<String> MODELS = List.of("alpha", "beta");

	@LocalServerPort
	int port;

	HttpTestClient admin;

	String evalSet;

	@BeforeEach
	void evalSet() {
		this.admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(this.admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 6; i++) {
			items.put("q" + i, new String[] { "writing", "zero-shot" });
		}
		this.evalSet = fixture.evalSet("too-fast", items);
		for (String model : MODELS) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, model + " on " + item));
			fixture.outputs(this.evalSet, model, texts);
		}
	}

	@Test
	void aRaterTakingThreeSecondsIsTooFastUnderTheDefaultButNotUnderAThresholdOfTwo() {
		assertThat(flagsOfAThreeSecondRater(study(null))).containsExactly("TOO_FAST");
		long lenient = study(2);
		assertThat(this.admin.get("/api/studies/" + lenient).json().get("tooFastSeconds").asInt()).isEqualTo(2);
		assertThat(flagsOfAThreeSecondRater(lenient)).isEmpty();
	}

	@Test
	void aThresholdOverTenMinutesIsRefusedNamingTheField() {
		Response refused = this.admin.postJson("/api/studies", Map.of("name", StudyFixture.uniqueName("slow"),
				"evalSet", this.evalSet, "models", MODELS, "tooFastSeconds", 601));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("tooFastSeconds", "between 0 and 600");
	}

	private long study(Integer tooFastSeconds) {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("name", StudyFixture.uniqueName("threshold"));
		command.put("evalSet", this.evalSet);
		command.put("models", MODELS);
		if (tooFastSeconds != null) {
			command.put("tooFastSeconds", tooFastSeconds);
		}
		Response created = this.admin.postJson("/api/studies", command);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();
		StringBuilder judgments = new StringBuilder();
		for (int i = 1; i <= 6; i++) {
			judgments.append(StudyFixture.line(Map.of("item_id", "q" + i, "model_a", "alpha", "model_b", "beta",
					"winner", (i % 2 == 0) ? "model_a" : "model_b", "judge", "quick", "elapsed_ms", 3000)));
		}
		assertThat(new StudyFixture(this.admin).importJsonl(study, "campaign", judgments.toString()).status())
			.isEqualTo(201);
		return study;
	}

	private List<String> flagsOfAThreeSecondRater(long study) {
		JsonNode raters = this.admin.get("/api/studies/" + study + "/results").json().get("pairs").get(0).get("raters");
		assertThat(raters).hasSize(1);
		assertThat(raters.get(0).get("medianSeconds").asDouble()).isEqualTo(3.0);
		List<String> flags = new ArrayList<>();
		raters.get(0).get("flags").forEach((flag) -> flags.add(flag.asString()));
		return flags;
	}

}
