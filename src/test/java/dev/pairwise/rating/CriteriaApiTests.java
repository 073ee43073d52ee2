package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 through real HTTP: a study's criteria are checked when it is created, every
 * judgment answers each of them (idempotency and 409 cover the whole answer), a study may
 * derive its overall choice from them, and the results, exports and the criteria table
 * are computed per criterion.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CriteriaApiTests {

	private static final List<Map<String, String>> CRITERIA = List.of(
			Map.of("id", "correctness", "label", "Which response is more correct?", "labelZh", "哪个回答更正确？"),
			Map.of("id", "informativeness", "label", "Which response is more informative?"));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	StudyFixture fixture;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void aStudyRefusesCriteriaWithBadOrRepeatedIdsOrNoLabelNamingEach() {
		List<Map<String, String>> criteria = List.of(Map.of("id", "Bad Id", "label", "x"), Map.of("id", "style"),
				Map.of("id", "tone", "label", "a"), Map.of("id", "tone", "label", "b"));
		Response refused = this.admin.postJson("/api/studies", Map.of("name", "bad criteria", "evalSet",
				"flan-style-190", "models", StudyFixture.DEMO_MODELS, "criteria", criteria, "overall", "maybe"));
		assertThat(refused.status()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		refused.json().path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).containsExactly("overall", "criteria[0].id", "criteria[1].label", "criteria[3].id");
		assertThat(refused.json().path("errors").path(3).path("message").asString())
			.isEqualTo("'tone' names a criterion twice");
	}

	@Test
	void everyCriterionMustBeAnsweredAndTheWholeAnswerIsIdempotent() {
		long study = this.fixture.createOpenStudy("criteria asked", Map.of("criteria", CRITERIA));
		String token = this.fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		long assignment = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();

		Response missing = judge(rater, token, assignment, "1", Map.of("correctness", "1"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("detail").asString()).isEqualTo(
				"criteria.informativeness is missing: answer \"1\", \"2\" or \"tie\" for every criterion (correctness, informativeness).");
		Response unknown = judge(rater, token, assignment, "1",
				Map.of("correctness", "1", "informativeness", "2", "style", "tie"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("detail").asString()).isEqualTo(
				"criteria names 'style', which is not a criterion of this study (its criteria: correctness, informativeness).");
		assertThat(judge(rater, token, assignment, "1", Map.of("correctness", "both-bad", "informativeness", "2"))
			.status()).isEqualTo(400);
		assertThat(count("select count(*) from judgment where study_id = ?", study)).isZero();

		Map<String, String> answer = Map.of("correctness", "1", "informativeness", "tie");
		assertThat(judge(rater, token, assignment, "1", answer).status()).isEqualTo(201);
		Response again = judge(rater, token, assignment, "1", answer);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("status").asString()).isEqualTo("unchanged");
		Response otherCriterion = judge(rater, token, assignment, "1",
				Map.of("correctness", "1", "informativeness", "2"));
		assertThat(otherCriterion.status()).as("a different criterion answer is a different answer").isEqualTo(409);

		boolean leftIsA = this.jdbc.sql("select left_is_a from assignment where id = ?")
			.param(assignment)
			.query(Boolean.class)
			.single();
		assertThat(storedCriteria(assignment)).containsExactly(
				Map.entry("correctness", leftIsA ? "model_a" : "model_b"), Map.entry("informativeness", "tie"));
	}

	@Test
	void anEditableStudyReplacesTheCriterionAnswersOfAChangedAnswer() {
		long study = this.fixture.createOpenStudy("criteria edit", Map.of("criteria", CRITERIA, "allowEdit", true));
		String token = this.fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		long assignment = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		assertThat(
				judge(rater, token, assignment, "tie", Map.of("correctness", "tie", "informativeness", "tie")).status())
			.isEqualTo(201);
		Response edited = judge(rater, token, assignment, "tie", Map.of("correctness", "tie", "informativeness", "2"));
		assertThat(edited.json().path("status").asString()).isEqualTo("edited");
		boolean leftIsA = this.jdbc.sql("select left_is_a from assignment where id = ?")
			.param(assignment)
			.query(Boolean.class)
			.single();
		assertThat(storedCriteria(assignment)).containsExactly(Map.entry("correctness", "tie"),
				Map.entry("informativeness", leftIsA ? "model_b" : "model_a"));
		assertThat(trail(assignment)).containsExactly(
				"{\"correctness\":{\"winner\":\"tie\",\"strength\":null},\"informativeness\":{\"winner\":\"tie\",\"strength\":null}}");
	}

	@Test
	void editingAnAnswerOnTheRaterPageStartsFromItsCriterionAnswersAndTheTrailKeepsThem() {
		long study = this.fixture.createOpenStudy("criteria edit page",
				Map.of("criteria", CRITERIA, "allowEdit", true, "scale", "graded"));
		String token = this.fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		long assignment = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		assertThat(judge(rater, token, assignment, "tie",
				Map.of("correctness", Map.of("choice", "2", "strength", "clearly"), "informativeness", "tie"))
			.status()).isEqualTo(201);

		WebSession page = WebSession.anonymous(this.port).fetchCsrfToken();
		String edit = page.get("/r/" + token + "/judgments/" + assignment).body();
		assertThat(edit).containsPattern("name=\"criterion\\.correctness\" value=\"2\" checked")
			.containsPattern("name=\"criterion\\.correctness\\.strength\" value=\"clearly\" checked")
			.containsPattern("name=\"criterion\\.informativeness\" value=\"tie\" checked")
			.doesNotContainPattern("name=\"criterion\\.correctness\" value=\"1\" checked")
			.doesNotContainPattern("name=\"criterion\\.informativeness\" value=\"(1|2)\" checked");

		Page saved = page.postForm("/r/" + token + "/judgments/" + assignment,
				Map.of("choice", "tie", "criterion.correctness", "1", "criterion.correctness.strength", "much",
						"criterion.informativeness", "tie"));
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		boolean leftIsA = this.jdbc.sql("select left_is_a from assignment where id = ?")
			.param(assignment)
			.query(Boolean.class)
			.single();
		assertThat(storedCriteria(assignment)).containsExactly(
				Map.entry("correctness", leftIsA ? "model_a" : "model_b"), Map.entry("informativeness", "tie"));
		assertThat(trail(assignment))
			.containsExactly("{\"correctness\":{\"winner\":\"" + (leftIsA ? "model_b" : "model_a")
					+ "\",\"strength\":\"clearly\"},\"informativeness\":{\"winner\":\"tie\",\"strength\":null}}");
	}

	@Test
	void aDerivedOverallChoiceIsTheSideMoreCriteriaPreferAndATieOtherwise() {
		List<Map<String, String>> three = new ArrayList<>(CRITERIA);
		three.add(Map.of("id", "harmlessness", "label", "Which response is safer?"));
		long study = this.fixture.createOpenStudy("criteria derived",
				Map.of("criteria", three, "overall", "derived", "scale", "graded"));
		String token = this.fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);

		long first = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		Response withChoice = judge(rater, token, first, "1", Map.of());
		assertThat(withChoice.json().path("detail").asString())
			.isEqualTo("This study derives the overall choice from the criteria; leave \"choice\" out.");
		Map<String, Object> noStrength = Map.of("correctness", "2", "informativeness", "2", "harmlessness", "tie");
		Response ungraded = judge(rater, token, first, null, noStrength);
		assertThat(ungraded.json().path("detail").asString())
			.isEqualTo("criteria.correctness: say how much better, strength \"slightly\", \"clearly\" or \"much\".");
		Map<String, Object> graded = Map.of("correctness", Map.of("choice", "2", "strength", "much"), "informativeness",
				Map.of("choice", "2", "strength", "slightly"), "harmlessness", "1");
		Response missingStrength = judge(rater, token, first, null, graded);
		assertThat(missingStrength.status()).isEqualTo(400);
		Map<String, Object> answered = Map.of("correctness", Map.of("choice", "2", "strength", "much"),
				"informativeness", Map.of("choice", "2", "strength", "slightly"), "harmlessness", "tie");
		assertThat(judge(rater, token, first, null, answered).status()).isEqualTo(201);
		assertThat(overallAsSeen(first)).as("two criteria prefer Response 2").isEqualTo("2");
		assertThat(this.jdbc
			.sql("select c.strength from judgment_criterion c join judgment j on j.id = c.judgment_id"
					+ " where j.assignment_id = ? and c.criterion = 'correctness'")
			.param(first)
			.query(String.class)
			.single()).isEqualTo("much");

		long second = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		Map<String, Object> split = Map.of("correctness", Map.of("choice", "1", "strength", "clearly"),
				"informativeness", Map.of("choice", "2", "strength", "clearly"), "harmlessness", "tie");
		assertThat(judge(rater, token, second, null, split).status()).isEqualTo(201);
		assertThat(overallAsSeen(second)).as("one criterion each way").isEqualTo("tie");
	}

	@Test
	void resultsExportsAndTheCriteriaTableArePerCriterion() {
		long study = this.fixture.createOpenStudy("criteria results", Map.of("criteria", CRITERIA));
		// Overall: instruction-tuned wins 2, loses 1, ties 1. Correctness: wins 1, loses
		// 3.
		String csv = """
				item_id,model_a,model_b,winner,judge,winner_correctness,winner_informativeness
				creativity-01,instruction-tuned-demo,base-demo,model_a,j1,model_a,model_a
				creativity-02,instruction-tuned-demo,base-demo,model_a,j1,model_b,model_a
				creativity-03,instruction-tuned-demo,base-demo,model_b,j1,model_b,
				creativity-04,instruction-tuned-demo,base-demo,tie (bothbad),j1,model_b,tie
				""";
		Response imported = this.fixture.importCsv(study, "panel", csv);
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);

		JsonNode overall = results(study, "").path("pairs").path(0).path("overall");
		assertThat(overall.path("wins").asInt()).isEqualTo(2);
		assertThat(overall.path("winRate").asDouble()).isEqualTo(0.625);
		JsonNode correctness = results(study, "correctness");
		assertThat(correctness.path("criterion").asString()).isEqualTo("correctness");
		assertThat(correctness.path("judgments").asInt()).isEqualTo(4);
		JsonNode pair = correctness.path("pairs").path(0).path("overall");
		assertThat(pair.path("wins").asInt()).isEqualTo(1);
		assertThat(pair.path("losses").asInt()).isEqualTo(3);
		assertThat(pair.path("winRate").asDouble()).isEqualTo(0.25);
		JsonNode informativeness = results(study, "informativeness");
		assertThat(informativeness.path("judgments").asInt()).as("one judgment left it unanswered").isEqualTo(3);
		assertThat(informativeness.path("pairs").path(0).path("overall").path("winRate").asDouble()).isEqualTo(2.5 / 3);

		JsonNode table = correctness.path("criteria");
		assertThat(table.path(0).path("criterion").asString()).isEqualTo("correctness");
		assertThat(table.path(0).path("judgments").asInt()).isEqualTo(4);
		assertThat(table.path(0).path("disagreeing").asInt()).as("creativity-02 and the both-bad 04").isEqualTo(2);
		assertThat(table.path(0).path("rate").asDouble()).isEqualTo(0.5);
		assertThat(table.path(1).path("disagreeing").asInt()).as("only creativity-03 differs, and is unanswered")
			.isEqualTo(0);

		Response unknown = this.admin.get("/api/studies/" + study + "/results?criterion=style");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("detail").asString())
			.isEqualTo("criterion must be one of the study's criteria: correctness, informativeness");
		Response svg = this.admin.get("/studies/" + study + "/results.svg?criterion=correctness");
		assertThat(svg.status()).isEqualTo(200);
		assertThat(svg.body()).contains("criterion correctness");
		Response resultsCsv = this.admin.get("/api/studies/" + study + "/results.csv?criterion=correctness");
		List<String> criterionRows = resultsCsv.body().lines().toList();
		assertThat(criterionRows.get(0)).endsWith(",term,estimate,criterion");
		assertThat(criterionRows.stream().filter((line) -> line.contains(",overall,")).findFirst().orElseThrow())
			.contains(",0.25,")
			.endsWith(",correctness");
		assertThat(criterionRows.subList(1, criterionRows.size()))
			.allSatisfy((line) -> assertThat(line).as("every row names the criterion").endsWith(",correctness"));
		assertThat(this.admin.get("/api/studies/" + study + "/results.csv").body().lines().skip(1))
			.allSatisfy((line) -> assertThat(line).endsWith(",overall"));

		List<String> exported = this.admin.get("/api/studies/" + study + "/judgments.csv").body().lines().toList();
		assertThat(exported.get(0)).endsWith(",excluded,turn,winner_correctness,winner_informativeness");
		assertThat(exported.get(3)).endsWith(",model_b,");
		assertThat(exported.get(4)).endsWith(",model_b,tie");
		List<String> jsonl = this.admin.get("/api/studies/" + study + "/judgments.jsonl").body().lines().toList();
		assertThat(jsonl).as("4 overall records, 4 + 3 criterion records").hasSize(11);
		assertThat(jsonl.get(0)).contains("\"criterion\":null").contains("\"winner\":\"model_a\"");
		assertThat(jsonl.get(4)).contains("\"question_id\":\"creativity-02\"")
			.contains("\"criterion\":\"correctness\"")
			.contains("\"winner\":\"model_b\"");

		Response reimport = this.fixture.importCsv(study, "again", String.join("\n", exported) + "\n");
		assertThat(reimport.status()).as("an export imports again, criteria included").isEqualTo(201);
		assertThat(count("select count(*) from judgment_criterion c join judgment j on j.id = c.judgment_id"
				+ " where j.study_id = ? and j.source = 'import:again'", study))
			.isEqualTo(7);
	}

	private JsonNode results(long study, String criterion) {
		Response response = this.admin.get("/api/studies/" + study + "/results?bootstrap=0&criterion=" + criterion);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private Response judge(HttpTestClient rater, String token, long assignment, String choice,
			Map<String, ?> criteria) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("assignmentId", assignment);
		if (choice != null) {
			body.put("choice", choice);
		}
		body.put("criteria", criteria);
		return rater.postJson("/api/rate/" + token + "/judgments", body);
	}

	/** The stored overall choice in the rater's terms (1 = left). */
	private String overallAsSeen(long assignment) {
		return this.jdbc.sql("select j.winner, j.left_is_a from judgment j where j.assignment_id = ?")
			.param(assignment)
			.query((rs, row) -> Choice.of(Winner.fromStored(rs.getString(1)), rs.getBoolean(2)).id())
			.single();
	}

	private Map<String, String> storedCriteria(long assignment) {
		Map<String, String> stored = new LinkedHashMap<>();
		this.jdbc.sql("""
				select c.criterion, c.winner from judgment_criterion c join judgment j on j.id = c.judgment_id
				where j.assignment_id = ? order by c.criterion""").param(assignment).query((rs) -> {
			stored.put(rs.getString(1), rs.getString(2));
		});
		return stored;
	}

	/**
	 * The criterion answers each change of the assignment's judgment replaced, oldest
	 * first.
	 */
	private List<String> trail(long assignment) {
		return this.jdbc.sql("""
				select e.previous_criteria from judgment_edit e join judgment j on j.id = e.judgment_id
				where j.assignment_id = ? order by e.id""").param(assignment).query(String.class).list();
	}

	private int count(String sql, long study) {
		return this.jdbc.sql(sql).param(study).query(Integer.class).single();
	}

}
