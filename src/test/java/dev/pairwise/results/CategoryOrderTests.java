package dev.pairwise.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Categories follow the order the eval set lists them in (set.json, or the upload's
 * {@code categories}), not the alphabet and not their first appearance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CategoryOrderTests {

	private static final List<String> LISTED = List.of("coding", "writing", "advice");

	@LocalServerPort
	int port;

	@Test
	void resultsShowCategoriesInTheOrderTheEvalSetListsThem() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		Map<String, String> categories = new LinkedHashMap<>();
		categories.put("q1", "writing");
		categories.put("q2", "advice");
		categories.put("q3", "coding");
		categories.put("q4", "writing");
		StringBuilder items = new StringBuilder();
		categories.forEach((id, category) -> items.append(StudyFixture
			.line(Map.of("id", id, "category", category, "setting", "zero-shot", "prompt", "Prompt of " + id))));
		String evalSet = StudyFixture.uniqueName("ordered");
		Response uploaded = admin.postJsonl(
				"/api/eval-sets?name=" + evalSet + "&version=1&categories=" + String.join(",", LISTED),
				items.toString());
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		assertThat(uploaded.json().get("categories").propertyNames()).containsExactlyElementsOf(LISTED);
		for (String model : List.of("alpha", "beta")) {
			Map<String, String> texts = new LinkedHashMap<>();
			categories.keySet().forEach((item) -> texts.put(item, model + " on " + item));
			fixture.outputs(evalSet, model, texts);
		}
		long study = fixture.study(evalSet, List.of("alpha", "beta"));
		StringBuilder judgments = new StringBuilder();
		for (String item : categories.keySet()) {
			judgments.append(StudyFixture.line(Map.of("item_id", item, "model_a", "alpha", "model_b", "beta", "winner",
					"model_a", "judge", "r1")));
		}
		assertThat(fixture.importJsonl(study, "campaign", judgments.toString()).status()).isEqualTo(201);

		JsonNode pair = admin.get("/api/studies/" + study + "/results").json().get("pairs").get(0);
		assertThat(pair.get("byCategory").propertyNames()).containsExactlyElementsOf(LISTED);
		assertThat(pair.get("byCategoryAndSetting").propertyNames()).containsExactlyElementsOf(LISTED);
		String table = admin.get("/studies/" + study + "/results").body();
		table = table.substring(table.indexOf("id=\"win-rates\""));
		assertThat(table.indexOf(">coding<")).isPositive()
			.isLessThan(table.indexOf(">writing<"))
			.isLessThan(table.indexOf(">advice<"));
		assertThat(table.indexOf(">writing<")).isLessThan(table.indexOf(">advice<"));
	}

}
