package dev.pairwise.results;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.pairwise.HttpTestClient;
import dev.pairwise.HttpTestClient.Response;
import dev.pairwise.rating.JudgmentsChanged;
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
 * Results, exports and the judgment import through the real HTTP API, on a small study of
 * three models built in each test.
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
	void exportedJudgmentsReimportedIntoANewStudyGiveIdenticalResults() throws IOException {
		long original = this.fixture.study(this.evalSet, MODELS);
		assertThat(this.fixture.importJsonl(original, "campaign", synthetic(240, 7)).status()).isEqualTo(201);
		Response exported = this.admin.get("/api/studies/" + original + "/judgments.csv");
		assertThat(exported.status()).isEqualTo(200);

		long copy = this.fixture.study(this.evalSet, MODELS);
		Response reimported = this.fixture.importCsv(copy, "copy", exported.body());
		assertThat(reimported.status()).as(reimported.body()).isEqualTo(201);
		assertThat(reimported.json().get("judgments").asInt()).isEqualTo(240);

		JsonNode before = results(original, "");
		JsonNode after = results(copy, "");
		for (String part : List.of("judgments", "pairs", "studyWide", "ranking")) {
			assertThat(after.get(part)).as(part).isEqualTo(before.get(part));
		}
		assertThat(after.get("disputedTasks").size()).isEqualTo(before.get("disputedTasks").size());
		for (int i = 0; i < before.get("disputedTasks").size(); i++) {
			assertThat(after.get("disputedTasks").get(i).get("task"))
				.isEqualTo(before.get("disputedTasks").get(i).get("task"));
		}
		// Every column but the study's name and the source survives the round trip.
		List<CSVRecord> first = csv(exported.body());
		List<CSVRecord> second = csv(this.admin.get("/api/studies/" + copy + "/judgments.csv").body());
		assertThat(second).hasSameSizeAs(first);
		for (int row = 0; row < first.size(); row++) {
			for (String column : JudgmentCsv.COLUMNS) {
				if (!column.equals("study") && !column.equals("source")) {
					assertThat(second.get(row).get(column)).as("row " + row + " " + column)
						.isEqualTo(first.get(row).get(column));
				}
			}
			assertThat(second.get(row).get("source")).isEqualTo("import:copy");
		}
	}

	@Test
	void judgmentExportHasTheArenaColumnsAndVocabularyAndNeutralisesFormulaCells() throws IOException {
		long study = this.fixture.study(this.evalSet, MODELS);
		String jsonl = StudyFixture
			.line(Map.of("item_id", "q1", "model_a", "alpha", "model_b", "beta", "winner", "both-bad", "judge",
					"@judge", "left", "model_b", "fail_a", true, "elapsed_ms", 4200, "reason",
					"=HYPERLINK(\"http://evil\",\"x\")"))
				+ StudyFixture.line(Map.of("item_id", "q2", "model_a", "beta", "model_b", "alpha", "winner",
						"tie (bothbad)", "judge", "-r2", "reason", "+1, \"quoted\"\nsecond line", "strength", "much",
						"created_at", "2026-03-01T12:00:00Z"))
				+ StudyFixture.line(Map.of("item_id", "q3", "model_a", "alpha", "model_b", "gamma", "winner", "model_a",
						"judge", "r3", "reason", "\tTabbed"));
		assertThat(this.fixture.importJsonl(study, "llm-judge", jsonl).status()).isEqualTo(201);
		Response export = this.admin.get("/api/studies/" + study + "/judgments.csv");
		assertThat(export.contentType()).startsWith("text/csv");
		assertThat(export.body()).startsWith(
				"study,item_id,category,setting,model_a,model_b,winner,judge,left,fail_a,fail_b,strength,reason,elapsed_ms,created_at,source\r\n");
		List<CSVRecord> rows = csv(export.body());
		assertThat(rows).hasSize(3);
		CSVRecord first = rows.get(0);
		assertThat(first.get("winner")).isEqualTo("tie (bothbad)");
		assertThat(first.get("judge")).isEqualTo("'@judge");
		assertThat(first.get("reason")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
		assertThat(first.get("left")).isEqualTo("model_b");
		assertThat(first.get("fail_a")).isEqualTo("true");
		assertThat(first.get("fail_b")).isEqualTo("false");
		assertThat(first.get("elapsed_ms")).isEqualTo("4200");
		assertThat(first.get("category")).isEqualTo("creativity");
		assertThat(first.get("source")).isEqualTo("import:llm-judge");
		CSVRecord second = rows.get(1);
		assertThat(second.get("judge")).isEqualTo("'-r2");
		assertThat(second.get("reason")).isEqualTo("'+1, \"quoted\"\nsecond line");
		assertThat(second.get("left")).isEmpty();
		assertThat(second.get("strength")).isEqualTo("much");
		assertThat(second.get("created_at")).isEqualTo("2026-03-01T12:00:00Z");
		assertThat(rows.get(2).get("reason")).isEqualTo("'\tTabbed");
		assertThat(rows.get(2).get("winner")).isEqualTo("model_a");
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
		assertThat(rows).hasSize(expected);
		CSVRecord overall = rows.get(0);
		assertThat(overall.get("group")).isEqualTo("overall");
		assertThat(overall.get("focal_model") + "/" + overall.get("other_model")).isEqualTo("alpha/beta");
		assertThat(overall.get("ties_policy")).isEqualTo("exclude");
		JsonNode pair = results.get("pairs").get(0).get("overall");
		assertThat(overall.get("n")).isEqualTo(pair.get("n").asString());
		assertThat(Double.parseDouble(overall.get("win_rate"))).isEqualTo(pair.get("winRate").asDouble());
		assertThat(Double.parseDouble(overall.get("bootstrap_low")))
			.isEqualTo(pair.get("bootstrap95").get("low").asDouble());
	}

	@Test
	void importRejectsBadRowsWithTheirLineAndStoresNothing() {
		long study = this.fixture.study(this.evalSet, List.of("alpha", "beta"));
		String jsonl = """
				{"item_id":"q1","model_a":"alpha","model_b":"beta","winner":"model_a","judge":"r1"}
				{"item_id":"q99","model_a":"alpha","model_b":"beta","winner":"model_a","judge":"r1"}
				{"item_id":"q2","model_a":"alpha","model_b":"gamma","winner":"model_a","judge":"r1"}
				{"item_id":"q2","model_a":"alpha","model_b":"alpha","winner":"model_a","judge":"r1"}
				{"item_id":"q2","model_a":"alpha","model_b":"beta","winner":"left","judge":"r1"}
				{"item_id":"q2","model_a":"alpha","model_b":"beta","winner":"tie","judge":"r1","left":"right"}
				{"item_id":"q2","model_a":"alpha","model_b":"beta","winner":"tie","judge":"r1","fail_a":"maybe"}
				{"item_id":"q2","model_a":"alpha","model_b":"beta","winner":"tie"}
				{"item_id":"q2","model_a":"alpha","model_b":"beta","winner":"tie","judge":"r1","category":"planning","elapsed_ms":-5}
				not json
				""";
		Response response = this.fixture.importJsonl(study, "bad", jsonl);
		assertThat(response.status()).isEqualTo(400);
		List<String> errors = new ArrayList<>();
		response.json()
			.get("errors")
			.forEach((error) -> errors.add(error.get("line").asInt() + "/" + error.get("field").asString("")));
		assertThat(errors).containsExactly("2/item_id", "3/model_b", "4/model_b", "5/winner", "6/left", "7/fail_a",
				"8/judge", "9/elapsed_ms", "10/");
		assertThat(response.json().get("errors").get(1).get("message").asString())
			.isEqualTo("model 'gamma' is not one of the study's models (alpha, beta)");
		assertThat(storedJudgments(study)).isZero();

		Response csv = this.fixture.importCsv(study, "bad",
				"item_id,model_a,model_b,winner,judge,category\nq1,alpha,beta,model_a,r1,creativity\nq2,alpha,beta,model_a,r1,creativity\n");
		assertThat(csv.status()).isEqualTo(400);
		assertThat(csv.firstError()).isEqualTo(
				"3/6/category/item 'q2' has category 'planning' in eval set " + this.evalSet + " 1, not 'creativity'");
		assertThat(this.fixture.importCsv(study, "bad", "item_id,model_a,winner\nq1,alpha,model_a\n").firstError())
			.startsWith("1//model_b/the header has no 'model_b' column");
		assertThat(this.fixture.importCsv(study, "bad",
				"item_id,model_a,model_b,winner,judge,reason\nq1,alpha,beta,model_a,r1,\"two\nlines\"\nq2,alpha,beta\n")
			.firstError()).isEqualTo("4///expected 6 cells as in the header, found 3");
		assertThat(this.fixture
			.importCsv(study, "bad", "item_id,model_a,model_b,winner,judge\nq1,alpha,beta,model_a,\"r1\nq2,alpha\n")
			.firstError()).startsWith("2///invalid CSV");
		assertThat(this.fixture.importJsonl(study, "bad%20source%21", "{}").firstError())
			.startsWith("//source/source 'bad source!' may use only");
		assertThat(storedJudgments(study)).isZero();
	}

	@Test
	void aBaselineStudyRefusesPairsWithoutTheBaseline() {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("name", StudyFixture.uniqueName("baseline"));
		command.put("evalSet", this.evalSet);
		command.put("models", MODELS);
		command.put("pairing", "baseline");
		command.put("baseline", "alpha");
		long study = this.admin.postJson("/api/studies", command).json().get("id").asLong();
		Response response = this.fixture.importJsonl(study, "x",
				"{\"item_id\":\"q1\",\"model_a\":\"beta\",\"model_b\":\"gamma\",\"winner\":\"model_a\",\"judge\":\"r1\"}\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.firstError())
			.isEqualTo("1//model_b/the study compares each model with the baseline 'alpha', not beta with gamma");
	}

	/** Random judgments of the three models over the 12 items, by judges r1 to r4. */
	private static String synthetic(int count, long seed) {
		Random random = new Random(seed);
		String[] winners = { "model_a", "model_a", "model_b", "tie", "both-bad" };
		StringBuilder jsonl = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int a = random.nextInt(3);
			int b = (a + 1 + random.nextInt(2)) % 3;
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("item_id", "q" + (1 + random.nextInt(12)));
			row.put("model_a", MODELS.get(a));
			row.put("model_b", MODELS.get(b));
			row.put("winner", winners[random.nextInt(winners.length)]);
			row.put("judge", "r" + (1 + random.nextInt(4)));
			row.put("left", random.nextBoolean() ? "model_a" : "model_b");
			row.put("elapsed_ms", 1000 + random.nextInt(60_000));
			row.put("fail_b", random.nextInt(10) == 0);
			row.put("reason", (random.nextInt(3) == 0) ? "-because " + i : "");
			row.put("created_at", "2026-01-01T00:00:" + String.format("%02d", i % 60) + "Z");
			jsonl.append(StudyFixture.line(row));
		}
		return jsonl.toString();
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

	private int storedJudgments(long study) {
		return this.jdbc.sql("select count(*) from judgment where study_id = ?")
			.param(study)
			.query(Integer.class)
			.single();
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
