package dev.pairwise.results;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.rating.JudgmentsChanged;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results through the real HTTP API, on a small study of three models built in each test;
 * judgments come in through the judgment import.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ResultsApiTests {

	private static final List<String> MODELS = List.of("alpha", "beta", "gamma");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	HttpTestClient admin;

	StudyFixture fixture;

	String evalSet;

	@BeforeEach
	void evalSetWithThreeModels() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 12; i++) {
			items.put("q" + i,
					new String[] { (i % 2 == 0) ? "planning" : "creativity", (i % 3 == 0) ? "few-shot" : "zero-shot" });
		}
		this.evalSet = this.fixture.evalSet("results", items);
		for (String model : MODELS) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, model.repeat(10 * (1 + MODELS.indexOf(model)))));
			this.fixture.outputs(this.evalSet, model, texts);
		}
	}

	@Test
	void attentionChecksAreNeitherCountedNorExportedButScoreTheirRater() {
		long study = this.fixture.study(this.evalSet, MODELS);
		assertThat(this.fixture.importJsonl(study, "campaign", synthetic(60, 3)).status()).isEqualTo(201);
		int counted = results(study, "").get("judgments").asInt();
		insertAttentionCheck(study, "r1", false);
		insertAttentionCheck(study, "r1", false);
		insertAttentionCheck(study, "r1", true);
		this.events.publishEvent(JudgmentsChanged.wholeStudy(study));

		JsonNode results = results(study, "");
		assertThat(results.get("judgments").asInt()).isEqualTo(counted);
		JsonNode r1 = rater(results.get("studyWide").get("raters"), "r1");
		assertThat(r1.get("attention").get("correct").asInt()).isEqualTo(1);
		assertThat(r1.get("attention").get("total").asInt()).isEqualTo(3);
		assertThat(r1.get("flags").toString()).contains("FAILED_ATTENTION_CHECKS");
		assertThat(this.admin.get("/api/studies/" + study + "/judgments.csv").body().lines().count())
			.isEqualTo(counted + 1);
	}

	@Test
	void attentionChecksIncludedOnRequestAreMarkedAndSkippedByTheImport() throws IOException {
		long study = this.fixture.study(this.evalSet, MODELS);
		assertThat(this.fixture.importJsonl(study, "campaign", synthetic(60, 3)).status()).isEqualTo(201);
		insertAttentionCheck(study, "r1", false);
		insertAttentionCheck(study, "r1", true);
		this.events.publishEvent(JudgmentsChanged.wholeStudy(study));

		String export = this.admin.get("/api/studies/" + study + "/judgments.csv?attention_checks=include").body();
		List<CSVRecord> rows = csv(export);
		assertThat(rows).hasSize(62);
		assertThat(rows.subList(0, 60)).allSatisfy((row) -> assertThat(row.get("attention_check")).isEmpty());
		assertThat(rows.subList(60, 62)).extracting((row) -> row.get("attention_check"))
			.containsExactly("failed", "passed");
		assertThat(this.admin.get("/api/studies/" + study + "/judgments.csv?attention_checks=maybe").status())
			.isEqualTo(400);

		long copy = this.fixture.study(this.evalSet, MODELS);
		Response imported = this.fixture.importCsv(copy, "copy", export);
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().get("judgments").asInt()).isEqualTo(60);
		JsonNode copied = results(copy, "").get("pairs");
		JsonNode original = results(study, "").get("pairs");
		for (int pair = 0; pair < original.size(); pair++) {
			for (String part : List.of("overall", "byCategory", "bySetting", "agreement")) {
				assertThat(copied.get(pair).get(part)).as(part).isEqualTo(original.get(pair).get(part));
			}
		}
	}

	@Test
	void aNewJudgmentInvalidatesTheCachedResults() {
		long study = this.fixture.study(this.evalSet, MODELS);
		assertThat(this.fixture.importJsonl(study, "first", synthetic(30, 5)).status()).isEqualTo(201);
		JsonNode cached = results(study, "");
		assertThat(results(study, "").get("computedAt")).isEqualTo(cached.get("computedAt"));

		// A judgment stored by the rating engine counts once its event says so.
		this.jdbc
			.sql("""
					insert into judgment (study_id, item_id, model_a_id, model_b_id, winner, fail_a, fail_b, judge, source,
					  attention, created_at, updated_at)
					select ?, i.id, a.id, b.id, 'model_a', false, false, 'r9', 'raters', false, current_timestamp, current_timestamp
					from item i, model a, model b join eval_set e on 1 = 1
					where i.eval_set_id = e.id and e.name = ? and i.item_key = 'q1' and a.name = 'alpha' and b.name = 'beta'""")
			.params(study, this.evalSet)
			.update();
		long stored = this.jdbc.sql("select max(id) from judgment where study_id = ?")
			.param(study)
			.query(Long.class)
			.single();
		assertThat(results(study, "").get("judgments").asInt()).isEqualTo(30);
		this.events.publishEvent(JudgmentsChanged.judgment(study, stored));
		assertThat(results(study, "").get("judgments").asInt()).isEqualTo(31);

		// An import evicts on its own.
		assertThat(this.fixture.importJsonl(study, "second", synthetic(10, 6)).status()).isEqualTo(201);
		JsonNode fresh = results(study, "");
		assertThat(fresh.get("judgments").asInt()).isEqualTo(41);
		assertThat(fresh.get("sources").size()).isEqualTo(3);
		assertThat(fresh.get("perSource").size()).isEqualTo(3);
		assertThat(fresh.get("sourceAgreement").size()).isEqualTo(3);
	}

	@Test
	void focalTiesAndSourceChooseWhatIsComputed() {
		long study = this.fixture.study(this.evalSet, MODELS);
		assertThat(this.fixture.importJsonl(study, "humans", synthetic(90, 11)).status()).isEqualTo(201);
		assertThat(this.fixture.importJsonl(study, "llm", synthetic(45, 12)).status()).isEqualTo(201);

		JsonNode byDefault = results(study, "");
		assertThat(byDefault.get("focal").asString()).isEqualTo("alpha");
		assertThat(pairNames(byDefault)).containsExactly("alpha/beta", "alpha/gamma", "beta/gamma");
		assertThat(byDefault.get("ranking").get("ratings").size()).isEqualTo(3);

		JsonNode gamma = results(study, "?focal=gamma");
		assertThat(pairNames(gamma)).containsExactly("gamma/alpha", "gamma/beta", "alpha/beta");
		JsonNode alphaBeta = byDefault.get("pairs").get(0).get("overall");
		JsonNode gammaAlpha = gamma.get("pairs").get(0).get("overall");
		JsonNode alphaGamma = byDefault.get("pairs").get(1).get("overall");
		assertThat(gammaAlpha.get("wins")).isEqualTo(alphaGamma.get("losses"));
		assertThat(gammaAlpha.get("winRate").asDouble()).isEqualTo(1 - alphaGamma.get("winRate").asDouble(),
				org.assertj.core.api.Assertions.within(1e-12));
		assertThat(alphaBeta.get("n").asInt()).isPositive();

		JsonNode excluded = results(study, "?ties=exclude");
		assertThat(excluded.get("ties").asString()).isEqualTo("exclude");
		assertThat(excluded.get("pairs").get(0).get("overall").get("bootstrap95"))
			.isNotEqualTo(byDefault.get("pairs").get(0).get("overall").get("bootstrap95"));

		JsonNode llm = results(study, "?source=import:llm");
		assertThat(llm.get("judgments").asInt()).isEqualTo(45);
		assertThat(llm.get("perSource").isEmpty()).isTrue();

		assertThat(this.admin.get("/api/studies/" + study + "/results?focal=delta").status()).isEqualTo(400);
		assertThat(this.admin.get("/api/studies/" + study + "/results?ties=third").status()).isEqualTo(400);
		Response unknownSource = this.admin.get("/api/studies/" + study + "/results?source=import:nobody");
		assertThat(unknownSource.status()).isEqualTo(400);
		assertThat(unknownSource.json().get("detail").asString()).contains("import:humans");
		assertThat(this.admin.get("/api/studies/999999/results").status()).isEqualTo(404);
		assertThat(HttpTestClient.anonymous(this.port).get("/api/studies/" + study + "/results").status())
			.isEqualTo(401);
	}

	@Test
	void resultsCsvHasOneRowPerGroupAndPair() throws IOException {
		long study = this.fixture.study(this.evalSet, MODELS);
		assertThat(this.fixture.importJsonl(study, "campaign", synthetic(120, 13)).status()).isEqualTo(201);
		Response response = this.admin.get("/api/studies/" + study + "/results.csv?ties=exclude");
		assertThat(response.status()).isEqualTo(200);
		List<CSVRecord> rows = csv(response.body());
		JsonNode results = results(study, "?ties=exclude");
		int expected = 0;
		for (JsonNode pair : results.get("pairs")) {
			expected += 1 + pair.get("byCategory").size() + pair.get("bySetting").size();
			for (JsonNode category : pair.get("byCategoryAndSetting")) {
				expected += category.size();
			}
		}
		// A study of three models adds its style-controlled ranking: an elo row per model
		// and a row per style feature.
		expected += results.get("styleControlled").get("ratings").size() + 4;
		assertThat(rows).hasSize(expected);
		assertThat(rows.stream().filter((row) -> row.get("group").equals("style-controlled"))).hasSize(3 + 4);
		CSVRecord overall = rows.get(0);
		assertThat(overall.get("group")).isEqualTo("overall");
		assertThat(overall.get("focal_model") + "/" + overall.get("other_model")).isEqualTo("alpha/beta");
		assertThat(overall.get("ties_policy")).isEqualTo("exclude");
		assertThat(rows).as("a study without criteria: every row is of the overall answers")
			.allSatisfy((row) -> assertThat(row.get("criterion")).isEqualTo("overall"));
		JsonNode pair = results.get("pairs").get(0).get("overall");
		assertThat(overall.get("n")).isEqualTo(pair.get("n").asString());
		assertThat(Double.parseDouble(overall.get("win_rate"))).isEqualTo(pair.get("winRate").asDouble());
		assertThat(Double.parseDouble(overall.get("bootstrap_low")))
			.isEqualTo(pair.get("bootstrap95").get("low").asDouble());
	}

	private static String synthetic(int count, long seed) {
		return StudyFixture.syntheticJudgments(MODELS, 12, count, seed);
	}

	private JsonNode results(long study, String query) {
		Response response = this.admin.get("/api/studies/" + study + "/results" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private void insertAttentionCheck(long study, String judge, boolean correct) {
		this.jdbc
			.sql("""
					insert into judgment (study_id, item_id, model_a_id, model_b_id, winner, fail_a, fail_b, judge, source,
					  attention, attention_correct, created_at, updated_at)
					select ?, i.id, a.id, b.id, 'model_b', false, false, ?, 'raters', true, ?, current_timestamp, current_timestamp
					from item i join eval_set e on e.id = i.eval_set_id, model a, model b
					where e.name = ? and i.item_key = 'q1' and a.name = 'alpha' and b.name = 'beta'""")
			.params(study, judge, correct, this.evalSet)
			.update();
	}

	private static JsonNode rater(JsonNode raters, String name) {
		for (JsonNode rater : raters) {
			if (rater.get("judge").asString().equals(name)) {
				return rater;
			}
		}
		throw new AssertionError("no rater " + name);
	}

	private static List<String> pairNames(JsonNode results) {
		List<String> names = new ArrayList<>();
		results.get("pairs")
			.forEach((pair) -> names.add(pair.get("focalModel").asString() + "/" + pair.get("otherModel").asString()));
		return names;
	}

	private static List<CSVRecord> csv(String body) throws IOException {
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(body))
			.getRecords();
	}

}
