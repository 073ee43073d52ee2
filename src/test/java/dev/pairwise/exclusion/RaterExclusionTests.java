package dev.pairwise.exclusion;

import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
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
 * Excluding a rater through the real API: their tasks go back to the pool, the results
 * become exactly those without them, the exports keep them, and including them again
 * restores everything unless others filled their tasks meanwhile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RaterExclusionTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	HttpTestClient anonymous;

	StudyFixture fixture;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.anonymous = HttpTestClient.anonymous(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void anExcludedRatersTasksReturnToThePoolAndTheResultsAreThoseWithoutThem() {
		Study study = ratedStudy("exclude");
		JsonNode before = overall(study.id());
		assertThat(before.path("n").asInt()).isEqualTo(study.tasks());

		Response excluded = exclude(study, "always chose response 1");
		assertThat(excluded.status()).as(excluded.body()).isEqualTo(200);
		assertThat(excluded.json().path("excluded").asBoolean()).isTrue();
		assertThat(excluded.json().path("reason").asString()).isEqualTo("always chose response 1");
		assertThat(excluded.json().path("judgments").asInt()).isEqualTo(study.byB());

		assertThat(acceptedOf(study.id())).isEqualTo(study.byA());
		assertThat(openTasks(study.id())).isEqualTo(study.byB());
		JsonNode after = overall(study.id());
		assertThat(after.path("n").asInt()).isEqualTo(study.byA());
		assertThat(after.path("ties").asInt()).isEqualTo(study.byA());
		assertThat(after.path("wins").asInt()).isZero();
		assertThat(after.path("losses").asInt()).isZero();
		assertThat(after.path("winRate").asDouble()).isEqualTo(0.5);
		JsonNode results = this.admin.get("/api/studies/" + study.id() + "/results").json();
		assertThat(results.path("excludedRaters").get(0).path("label").asString()).isEqualTo("b");
		assertThat(results.path("studyWide").path("raters").findValuesAsString("judge")).containsExactly("a");

		assertThat(next(study.tokenB()).status()).isEqualTo(204);
		String newcomer = invite(study.id(), "c");
		long reopened = this.jdbc.sql("select task_id from assignment where id = ?")
			.param(next(newcomer).json().path("assignmentId").asLong())
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select count(*) from judgment where task_id = ? and judge = 'b'")
			.param(reopened)
			.query(Integer.class)
			.single()).isEqualTo(1);

		// The last two columns are excluded and turn (1: every item is a single prompt).
		String csv = this.admin.get("/api/studies/" + study.id() + "/judgments.csv").body();
		assertThat(csv.lines().count()).isEqualTo(1 + study.tasks());
		int excludedRows = this.jdbc.sql("select count(*) from judgment where study_id = ? and judge = 'b'")
			.param(study.id())
			.query(Integer.class)
			.single();
		assertThat(csv.lines().skip(1).filter((line) -> line.endsWith(",true,1")).count()).isEqualTo(excludedRows)
			.isPositive();
		assertThat(csv.lines().skip(1).filter((line) -> line.endsWith(",false,1")).count())
			.isEqualTo(study.tasks() - excludedRows);
	}

	@Test
	void includingARaterAgainRestoresTheirTasksAndTheResults() {
		Study study = ratedStudy("include");
		JsonNode before = overall(study.id());
		assertThat(exclude(study, "checking").status()).isEqualTo(200);

		Response included = this.admin.post("/api/studies/" + study.id() + "/raters/" + study.raterB() + "/include",
				"application/json", "");
		assertThat(included.status()).as(included.body()).isEqualTo(200);
		assertThat(included.json().path("excluded").asBoolean()).isFalse();
		assertThat(acceptedOf(study.id())).isEqualTo(study.tasks());
		assertThat(openTasks(study.id())).isZero();
		assertThat(overall(study.id())).isEqualTo(before);
	}

	@Test
	void includingIsRefusedWholeWhenOthersFilledTheRatersTasksMeanwhile() {
		Study study = ratedStudy("refill");
		assertThat(exclude(study, "too fast").status()).isEqualTo(200);
		String newcomer = invite(study.id(), "c");
		long assignment = next(newcomer).json().path("assignmentId").asLong();
		assertThat(judge(newcomer, assignment, "2").status()).isEqualTo(201);

		Response refused = this.admin.post("/api/studies/" + study.id() + "/raters/" + study.raterB() + "/include",
				"application/json", "");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("1 of the " + study.byB() + " tasks");
		assertThat(acceptedOf(study.id())).isEqualTo(study.byA() + 1);
		assertThat(overall(study.id()).path("n").asInt()).isEqualTo(study.byA() + 1);
	}

	@Test
	void aMovedStudyKeepsItsExclusionsAndItsFigures() {
		Study study = ratedStudy("moved");
		assertThat(exclude(study, "moved along").status()).isEqualTo(200);
		JsonNode before = overall(study.id());
		String bundle = this.admin.get("/api/studies/" + study.id() + "/export").body();
		Response imported = this.admin.post("/api/studies/import", "application/json", bundle);
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		long copy = imported.json().path("id").asLong();
		assertThat(overall(copy)).isEqualTo(before);
		JsonNode excluded = this.admin.get("/api/studies/" + copy + "/results").json().path("excludedRaters").get(0);
		assertThat(excluded.path("label").asString()).isEqualTo("b");
		assertThat(excluded.path("reason").asString()).isEqualTo("moved along");
		assertThat(acceptedOf(copy)).isEqualTo(study.byA());
	}

	@Test
	void anExcludedRatersAnswerInFlightIsRefused() {
		long id = this.fixture.createOpenStudy("in flight", small(1));
		String token = invite(id, "a");
		long assignment = next(token).json().path("assignmentId").asLong();
		long rater = raterIdOf(id, "a");
		assertThat(this.admin.postJson("/api/studies/" + id + "/raters/" + rater + "/exclude", Map.of("reason", "x"))
			.status()).isEqualTo(200);
		assertThat(judge(token, assignment, "1").status()).isEqualTo(409);
		assertThat(acceptedOf(id)).isZero();
		assertThat(this.jdbc.sql("select sum(leased) from task where study_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void excludingNeedsAReasonAndARaterOfTheStudy() {
		long id = this.fixture.createOpenStudy("refusals", small(1));
		invite(id, "a");
		long rater = raterIdOf(id, "a");
		Response noReason = this.admin.postJson("/api/studies/" + id + "/raters/" + rater + "/exclude",
				Map.of("reason", " "));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body()).contains("reason is required");
		assertThat(this.admin
			.postJson("/api/studies/" + id + "/raters/" + (rater + 1000) + "/exclude", Map.of("reason", "x"))
			.status()).isEqualTo(404);
		long other = this.fixture.createOpenStudy("other", small(1));
		assertThat(this.admin.post("/api/studies/" + other + "/raters/" + rater + "/include", "application/json", "")
			.status()).isEqualTo(404);
	}

	/**
	 * A study of k = 1 in which rater a answers "tie" to half the tasks and rater b
	 * "response 1" to the rest.
	 */
	private Study ratedStudy(String name) {
		long id = this.fixture.createOpenStudy(name, small(1));
		int tasks = this.jdbc.sql("select count(*) from task where study_id = ? and attention_kind is null")
			.param(id)
			.query(Integer.class)
			.single();
		String tokenA = invite(id, "a");
		String tokenB = invite(id, "b");
		int byA = 0;
		for (int i = 0; i < tasks / 2; i++) {
			assertThat(judge(tokenA, next(tokenA).json().path("assignmentId").asLong(), "tie").status()).isEqualTo(201);
			byA++;
		}
		int byB = 0;
		for (Response task = next(tokenB); task.status() == 200; task = next(tokenB)) {
			assertThat(judge(tokenB, task.json().path("assignmentId").asLong(), "1").status()).isEqualTo(201);
			byB++;
		}
		assertThat(byA + byB).isEqualTo(tasks);
		return new Study(id, tasks, byA, byB, raterIdOf(id, "b"), tokenB);
	}

	private static Map<String, Object> small(int k) {
		return Map.of("categories", List.of("creativity"), "settings", List.of("zero-shot"), "ratingsPerTask", k,
				"attentionCheckRate", 0.0);
	}

	private Response exclude(Study study, String reason) {
		return this.admin.postJson("/api/studies/" + study.id() + "/raters/" + study.raterB() + "/exclude",
				Map.of("reason", reason));
	}

	private JsonNode overall(long studyId) {
		Response results = this.admin.get("/api/studies/" + studyId + "/results");
		assertThat(results.status()).isEqualTo(200);
		return results.json().path("pairs").get(0).path("overall");
	}

	private String invite(long studyId, String label) {
		Response response = this.admin.postJson("/api/studies/" + studyId + "/invites", Map.of("label", label));
		String url = response.json().get(0).path("url").asString();
		return url.substring(url.lastIndexOf('/') + 1);
	}

	private long raterIdOf(long studyId, String label) {
		return this.jdbc.sql("select id from rater where study_id = ? and label = ?")
			.params(studyId, label)
			.query(Long.class)
			.single();
	}

	private int acceptedOf(long studyId) {
		return this.jdbc.sql("select sum(accepted) from task where study_id = ?")
			.param(studyId)
			.query(Integer.class)
			.single();
	}

	private int openTasks(long studyId) {
		return this.jdbc.sql("select sum(tasks) from open_task_count where study_id = ?")
			.param(studyId)
			.query(Integer.class)
			.single();
	}

	private Response next(String token) {
		return this.anonymous.get("/api/rate/" + token + "/next");
	}

	private Response judge(String token, long assignment, String choice) {
		return this.anonymous.postJson("/api/rate/" + token + "/judgments",
				Map.of("assignmentId", assignment, "choice", choice));
	}

	record Study(long id, int tasks, int byA, int byB, long raterB, String tokenB) {
	}

}
