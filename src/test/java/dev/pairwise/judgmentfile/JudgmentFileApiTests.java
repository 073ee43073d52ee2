package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judgment export and the judgment import through the real HTTP API, on a small study
 * of three models built in each test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JudgmentFileApiTests {

	private static final List<String> MODELS = List.of("alpha", "beta", "gamma");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

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
				"study,item_id,category,setting,model_a,model_b,winner,judge,left,fail_a,fail_b,strength,reason,elapsed_ms,created_at,source,"
						+ "tstamp,anony,assignment_id,served_at,attention_check,excluded,turn\r\n");
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
		assertThat(second.get("tstamp")).isEqualTo("1772366400");
		assertThat(second.get("anony")).as("imported: not known to be blind").isEqualTo("false");
		assertThat(second.get("assignment_id")).isEmpty();
		assertThat(second.get("excluded")).isEqualTo("false");
		assertThat(rows.get(2).get("reason")).isEqualTo("'\tTabbed");
		assertThat(rows.get(2).get("winner")).isEqualTo("model_a");
	}

	@Test
	void judgmentsJsonlHasMtBenchHumanJudgmentFieldsWithBothConversations() {
		long study = this.fixture.study(this.evalSet, MODELS);
		String jsonl = StudyFixture
			.line(Map.of("item_id", "q1", "model_a", "beta", "model_b", "alpha", "winner", "model_b", "judge", "r1",
					"left", "model_a"))
				+ StudyFixture.line(Map.of("item_id", "q2", "model_a", "alpha", "model_b", "gamma", "winner",
						"both-bad", "judge", "r2"));
		assertThat(this.fixture.importJsonl(study, "panel", jsonl).status()).isEqualTo(201);
		Response export = this.admin.get("/api/studies/" + study + "/judgments.jsonl");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/jsonl");
		List<JsonNode> lines = export.body().lines().map((line) -> JSON.readTree(line)).toList();
		assertThat(lines).hasSize(2);
		JsonNode first = lines.get(0);
		assertThat(first.get("question_id").asString()).isEqualTo("q1");
		assertThat(first.get("model_a").asString()).isEqualTo("beta");
		assertThat(first.get("model_b").asString()).isEqualTo("alpha");
		assertThat(first.get("winner").asString()).isEqualTo("model_b");
		assertThat(first.get("judge").asString()).isEqualTo("r1");
		assertThat(first.get("turn").asInt()).isEqualTo(1);
		assertThat(first.get("conversation_a").get(0).get("role").asString()).isEqualTo("user");
		assertThat(first.get("conversation_a").get(0).get("content").asString()).isEqualTo("Prompt of q1");
		assertThat(first.get("conversation_a").get(1).get("role").asString()).isEqualTo("assistant");
		assertThat(first.get("conversation_a").get(1).get("content").asString()).isEqualTo("beta".repeat(20));
		assertThat(first.get("conversation_b").get(1).get("content").asString()).isEqualTo("alpha".repeat(10));
		JsonNode second = lines.get(1);
		assertThat(second.get("winner").asString()).isEqualTo("tie");
		assertThat(second.get("both_bad").asBoolean()).isTrue();
		assertThat(second.get("anony").asBoolean()).isFalse();
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

	private static String synthetic(int count, long seed) {
		return StudyFixture.syntheticJudgments(MODELS, 12, count, seed);
	}

	private JsonNode results(long study, String query) {
		Response response = this.admin.get("/api/studies/" + study + "/results" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private int storedJudgments(long study) {
		return this.jdbc.sql("select count(*) from judgment where study_id = ?")
			.param(study)
			.query(Integer.class)
			.single();
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
