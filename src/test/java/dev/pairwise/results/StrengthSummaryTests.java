package dev.pairwise.results;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graded study's strength answers, given through the rater API, are counted per pair
 * and per category the same on the page, in the JSON and in results.csv.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StrengthSummaryTests {

	private static final List<String> LEVELS = List.of("slightly", "clearly", "much");

	@LocalServerPort
	int port;

	HttpTestClient admin;

	HttpTestClient anonymous;

	StudyFixture fixture;

	String evalSet;

	@BeforeEach
	void evalSetOfTwoCategories() {
		this.admin = HttpTestClient.admin(this.port);
		this.anonymous = HttpTestClient.anonymous(this.port);
		this.fixture = new StudyFixture(this.admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 12; i++) {
			items.put("q" + i, new String[] { (i <= 6) ? "writing" : "advice", "zero-shot" });
		}
		this.evalSet = this.fixture.evalSet("graded", items);
		for (String model : List.of("alpha", "beta")) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, model + " answers " + item));
			this.fixture.outputs(this.evalSet, model, texts);
		}
	}

	@Test
	void aGradedStudysStrengthAnswersAreCountedPerPairAndCategoryAlikeOnThePageTheJsonAndTheCsv() throws IOException {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("graded"), Map.of("evalSet", this.evalSet,
				"models", List.of("alpha", "beta"), "scale", "graded", "ratingsPerTask", 1, "attentionCheckRate", 0.0));
		String token = this.fixture.token(study);
		// counts by category, then "alpha:level" or "beta:level" for the model preferred
		Map<String, Map<String, Integer>> expected = new HashMap<>();
		for (int answered = 0; answered < 12; answered++) {
			JsonNode task = this.anonymous.get("/api/rate/" + token + "/next").json();
			int item = Integer.parseInt(task.path("prompt").asString().replaceAll("\\D", ""));
			String left = task.path("response1").asString().contains("alpha") ? "alpha" : "beta";
			String right = left.equals("alpha") ? "beta" : "alpha";
			String choice = (item % 4 == 0) ? "tie" : (item % 3 == 0) ? "2" : "1";
			String strength = LEVELS.get(item % 3);
			Map<String, Object> answer = new HashMap<>(
					Map.of("assignmentId", task.path("assignmentId").asLong(), "choice", choice));
			if (!choice.equals("tie")) {
				answer.put("strength", strength);
				String winner = choice.equals("1") ? left : right;
				expected.computeIfAbsent((item <= 6) ? "writing" : "advice", (c) -> new HashMap<>())
					.merge(winner + ":" + strength, 1, Integer::sum);
			}
			Response judged = this.anonymous.postJson("/api/rate/" + token + "/judgments", answer);
			assertThat(judged.status()).as(judged.body()).isEqualTo(201);
		}

		JsonNode summary = this.admin.get("/api/studies/" + study + "/results").json().get("strength").get(0);
		assertThat(summary.get("focalModel").asString()).isEqualTo("alpha");
		assertThat(summary.get("byCategory").propertyNames()).containsExactly("writing", "advice");
		int total = 0;
		for (String category : List.of("writing", "advice")) {
			JsonNode counts = summary.get("byCategory").get(category);
			for (String level : LEVELS) {
				assertThat(counts.get("focal").get(level).asInt()).as(category + " alpha " + level)
					.isEqualTo(expected.get(category).getOrDefault("alpha:" + level, 0));
				assertThat(counts.get("other").get(level).asInt()).as(category + " beta " + level)
					.isEqualTo(expected.get(category).getOrDefault("beta:" + level, 0));
				total += counts.get("focal").get(level).asInt() + counts.get("other").get(level).asInt();
			}
		}
		// items 4, 8 and 12 are ties, which carry no strength
		assertThat(total).isEqualTo(9);
		assertThat(summary.get("overall").get("focal").get("much").asInt()
				+ summary.get("overall").get("other").get("much").asInt())
			.isEqualTo(3);

		Map<String, CSVRecord> rows = new HashMap<>();
		for (CSVRecord row : CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(this.admin.get("/api/studies/" + study + "/results.csv").body()))) {
			if (row.get("group").startsWith("strength")) {
				rows.put(row.get("group") + "/" + row.get("category") + "/" + row.get("strength"), row);
			}
		}
		assertThat(rows).hasSize(3 * 3);
		for (String level : LEVELS) {
			assertCsvRow(rows.get("strength//" + level), summary.get("overall"), level);
			for (String category : List.of("writing", "advice")) {
				assertCsvRow(rows.get("strength-category/" + category + "/" + level),
						summary.get("byCategory").get(category), level);
			}
		}

		String page = this.admin.get("/studies/" + study + "/results").body();
		String writingRow = page.substring(page.indexOf("<th>writing</th>", page.indexOf("id=\"strength\"")));
		StringBuilder cells = new StringBuilder();
		for (String side : List.of("focal", "other")) {
			for (String level : LEVELS) {
				cells.append("<td class=\"num\">")
					.append(summary.get("byCategory").get("writing").get(side).get(level).asInt())
					.append("</td>");
			}
		}
		assertThat(writingRow.replaceAll("\\s+", "")).startsWith(("<th>writing</th>" + cells).replaceAll("\\s+", ""));
	}

	@Test
	void aPreferenceStudyHasNoStrengthSummary() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("preference"),
				Map.of("evalSet", this.evalSet, "models", List.of("alpha", "beta"), "ratingsPerTask", 1));
		assertThat(this.admin.get("/api/studies/" + study + "/results").json().get("strength").isNull()).isTrue();
		assertThat(this.admin.get("/studies/" + study + "/results").body()).doesNotContain("id=\"strength\"");
	}

	private static void assertCsvRow(CSVRecord row, JsonNode counts, String level) {
		assertThat(row).as(level).isNotNull();
		int focal = counts.get("focal").get(level).asInt();
		int other = counts.get("other").get(level).asInt();
		assertThat(row.get("wins")).isEqualTo(String.valueOf(focal));
		assertThat(row.get("losses")).isEqualTo(String.valueOf(other));
		assertThat(row.get("n")).isEqualTo(String.valueOf(focal + other));
	}

}
