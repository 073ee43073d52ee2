package dev.pairwise.rating;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.MtBenchFiles;
import dev.pairwise.testsupport.MtBenchStudy;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
 * MT-Bench's own files through the real app: the questions as items per turn, GPT-4's
 * answers as outputs whose second turns carry the model's own first answer, a rater who
 * sees each second turn in each model's own context and no model name, and the exports'
 * {@code turn}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MtBenchConversationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void modelAnswersLoadOneOutputPerTurnWithTheModelsOwnEarlierAnswersAsContext() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		String set = MtBenchStudy.evalSet(admin);
		Response imported = admin.postJsonl("/api/eval-sets/" + set + "/outputs", MtBenchFiles.gpt4Answers());
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().path("models").toString()).isEqualTo("{\"gpt-4\":60}");
		List<String> gpt4 = MtBenchStudy.gpt4Turns().get("101");
		assertThat(this.jdbc.sql("""
				select o.context from output o join item i on i.id = o.item_id join eval_set e on e.id = i.eval_set_id
				where e.name = ? and i.item_key = ?""").params(set, "101-t2").query(String.class).single())
			.isEqualTo(JSON.writeValueAsString(List.of(gpt4.get(0))));
		assertThat(this.jdbc.sql("""
				select count(*) from output o join item i on i.id = o.item_id join eval_set e on e.id = i.eval_set_id
				where e.name = ? and o.context is null""").param(set).query(Integer.class).single()).isEqualTo(30);
	}

	@Test
	void anAnswerWithAMissingTurnIsRefusedWithItsLineAndNothingIsImported() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		String set = MtBenchStudy.evalSet(admin);
		Response refused = admin.postJsonl("/api/eval-sets/" + set + "/outputs?model=half-done", """
				{"question_id": 81, "model_id": "x", "choices": [{"index": 0, "turns": ["A post.", "A rewrite."]}]}
				{"question_id": 82, "model_id": "x", "choices": [{"index": 0, "turns": ["An email."]}]}
				""");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.firstError())
			.isEqualTo("2//choices[0].turns/question 82 has 2 turns but this answer has 1; give one answer per turn");
		assertThat(this.jdbc.sql("select count(*) from output o join model m on m.id = o.model_id where m.name = ?")
			.param("half-done")
			.query(Integer.class)
			.single()).isZero();
		Response unknown = admin.postJsonl("/api/eval-sets/" + set + "/outputs?model=half-done", """
				{"question_id": 999, "model_id": "x", "choices": [{"index": 0, "turns": ["A.", "B."]}]}
				""");
		assertThat(unknown.firstError()).isEqualTo("1//question_id/no MT-Bench question 999 in this eval set");
	}

	@Test
	void aRaterJudgesASecondTurnInEachModelsOwnContextAndTheExportsSayWhichTurn() throws IOException {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		long study = MtBenchStudy.openStudy(admin, MtBenchStudy.evalSet(admin));
		assertThat(this.jdbc.sql("select count(*) from task where study_id = ?")
			.param(study)
			.query(Integer.class)
			.single()).isEqualTo(60);
		String token = new StudyFixture(admin).token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		JsonNode task = secondTurn(rater, token);
		assertThat(task.toString()).doesNotContain(MtBenchStudy.FIRST);
		JsonNode steps = task.path("conversation");
		assertThat(steps).hasSize(2);
		assertThat(steps.path(0).path("role").asString()).isEqualTo("user");
		assertThat(steps.path(1).path("role").asString()).isEqualTo("assistant");
		assertThat(steps.path(1).path("content").isNull()).isTrue();
		String question = MtBenchStudy.gpt4Turns()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().get(1).equals(task.path("response1").asString())
					|| MtBenchStudy.transformed(entry.getValue().get(1)).equals(task.path("response1").asString()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		List<String> gpt4 = MtBenchStudy.gpt4Turns().get(question);
		boolean gpt4OnTheLeft = task.path("response1").asString().equals(gpt4.get(1));
		String gpt4First = gpt4.get(0);
		String upperFirst = MtBenchStudy.transformed(gpt4First);
		assertThat(steps.path(1).path("left").asString()).isEqualTo(gpt4OnTheLeft ? gpt4First : upperFirst);
		assertThat(steps.path(1).path("right").asString()).isEqualTo(gpt4OnTheLeft ? upperFirst : gpt4First);
		assertThat(task.path("prompt").asString()).isEqualTo(this.jdbc
			.sql("select prompt from item i join task t on t.item_id = i.id where t.id = "
					+ "(select task_id from assignment where id = ?)")
			.param(task.path("assignmentId").asLong())
			.query(String.class)
			.single());
		judge(rater, token, task.path("assignmentId").asLong());
		// And a first turn, whichever order the pool serves the tasks in (it differs by
		// database).
		JsonNode firstTurn = rater.get("/api/rate/" + token + "/next").json();
		while (!firstTurn.path("conversation").isEmpty()) {
			judge(rater, token, firstTurn.path("assignmentId").asLong());
			firstTurn = rater.get("/api/rate/" + token + "/next").json();
		}
		judge(rater, token, firstTurn.path("assignmentId").asLong());

		String itemKey = question + "-t2";
		List<CSVRecord> rows = CSVFormat.DEFAULT.builder()
			.setHeader()
			.get()
			.parse(new StringReader(admin.get("/api/studies/" + study + "/judgments.csv").body()))
			.getRecords();
		assertThat(rows.stream().filter((row) -> row.get("item_id").equals(itemKey)).map((row) -> row.get("turn")))
			.containsExactly("2");
		assertThat(rows.stream().filter((row) -> row.get("item_id").endsWith("-t1")).map((row) -> row.get("turn")))
			.isNotEmpty()
			.allMatch("1"::equals);
		JsonNode line = null;
		for (String jsonl : admin.get("/api/studies/" + study + "/judgments.jsonl").body().split("\n")) {
			JsonNode candidate = JSON.readTree(jsonl);
			if (candidate.path("question_id").asString().equals(itemKey)) {
				line = candidate;
			}
		}
		assertThat(line.path("turn").asInt()).isEqualTo(2);
		JsonNode conversationA = line.path("conversation_a");
		boolean gpt4IsA = line.path("model_a").asString().equals(MtBenchStudy.FIRST);
		assertThat(conversationA).hasSize(4);
		assertThat(conversationA.path(1).path("content").asString()).isEqualTo(gpt4IsA ? gpt4First : upperFirst);
		assertThat(conversationA.path(3).path("content").asString())
			.isEqualTo(gpt4IsA ? gpt4.get(1) : MtBenchStudy.transformed(gpt4.get(1)));
	}

	@Test
	void theAdminTaskPageShowsTheWholeConversationWithEachModelsOwnEarlierAnswer() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		long study = MtBenchStudy.openStudy(admin, MtBenchStudy.evalSet(admin));
		long task = this.jdbc
			.sql("""
					select t.id from task t join item i on i.id = t.item_id where t.study_id = ? and i.item_key = '101-t2'""")
			.param(study)
			.query(Long.class)
			.single();
		Response page = admin.get("/studies/" + study + "/tasks/" + task);
		assertThat(page.status()).isEqualTo(200);
		String html = page.body();
		assertThat(html).contains("data-conversation")
			.contains("<h2>Conversation so far</h2>")
			.contains("If you have just overtaken the second person, what")
			.contains("Assistant (gpt-4, its own earlier answer)")
			.contains("Assistant (gpt-4-upper-case, its own earlier answer)")
			.contains("your current position is now second place. The person you just overtook is now in third place.")
			.contains("YOUR CURRENT POSITION IS NOW SECOND PLACE. THE PERSON YOU JUST OVERTOOK IS NOW IN THIRD PLACE.")
			.contains("<h2>Latest user message</h2>")
			.contains("is changed to");
		long firstTurn = this.jdbc
			.sql("""
					select t.id from task t join item i on i.id = t.item_id where t.study_id = ? and i.item_key = '101-t1'""")
			.param(study)
			.query(Long.class)
			.single();
		assertThat(admin.get("/studies/" + study + "/tasks/" + firstTurn).body()).doesNotContain("data-conversation")
			.contains("<h2>Prompt</h2>");
	}

	/** Judges first turns until the rater is given a second one. */
	private static JsonNode secondTurn(HttpTestClient rater, String token) {
		JsonNode task = rater.get("/api/rate/" + token + "/next").json();
		while (task.path("conversation").isEmpty()) {
			judge(rater, token, task.path("assignmentId").asLong());
			task = rater.get("/api/rate/" + token + "/next").json();
		}
		return task;
	}

	private static void judge(HttpTestClient rater, String token, long assignment) {
		Response judged = rater.postJson("/api/rate/" + token + "/judgments",
				Map.of("assignmentId", assignment, "choice", "1", "elapsedMs", 3000));
		assertThat(judged.status()).as(judged.body()).isEqualTo(201);
	}

}
