package dev.pairwise.rating;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * The rater API through real HTTP: leases, idempotent answers, conflicts, quotas and
 * refusals.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RaterApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LeaseSweeper sweeper;

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
	void nextHandsOutATaskWithTwoAnonymousResponsesAndResumesIt() {
		String token = this.fixture.token(this.fixture.createOpenStudy("resume", Map.of()));
		Response first = next(token);
		assertThat(first.status()).isEqualTo(200);
		JsonNode task = first.json();
		assertThat(task.path("prompt").asString()).isNotBlank();
		assertThat(task.path("response1").asString()).isNotBlank();
		assertThat(task.path("response2").asString()).isNotBlank();
		assertThat(task.path("progress").path("done").asInt()).isZero();
		assertThat(task.path("progress").path("target").asInt()).isEqualTo(190);
		Response again = next(token);
		assertThat(again.json().path("assignmentId").asLong()).isEqualTo(task.path("assignmentId").asLong());
		assertThat(again.json().path("response1").asString()).isEqualTo(task.path("response1").asString());
	}

	@Test
	void submittingTheSameAnswerTwiceStoresItOnceAndADifferentOneIsRefused() {
		String token = this.fixture.token(this.fixture.createOpenStudy("idempotent", Map.of()));
		long assignment = next(token).json().path("assignmentId").asLong();
		Map<String, Object> answer = Map.of("assignmentId", assignment, "choice", "1", "fail2", true, "reason",
				"clearer", "elapsedMs", 4200);
		Response created = judge(token, answer);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("status").asString()).isEqualTo("created");
		Response repeated = judge(token, Map.of("assignmentId", assignment, "choice", "1", "fail2", true, "reason",
				"clearer", "elapsedMs", 4900));
		assertThat(repeated.status()).isEqualTo(200);
		assertThat(repeated.json().path("status").asString()).isEqualTo("unchanged");
		Response different = judge(token, Map.of("assignmentId", assignment, "choice", "2"));
		assertThat(different.status()).isEqualTo(409);
		assertThat(different.json().path("detail").asString()).contains("already answered this task differently");
		assertThat(count("select count(*) from judgment where assignment_id = ?", assignment)).isEqualTo(1);
		assertThat(this.jdbc.sql("select elapsed_ms from judgment where assignment_id = ?")
			.param(assignment)
			.query(Long.class)
			.single()).isEqualTo(4200L);
	}

	@Test
	void aStudyThatAllowsEditingKeepsTheLatestAnswerAndAnAuditTrail() {
		String token = this.fixture.token(this.fixture.createOpenStudy("editable", Map.of("allowEdit", true)));
		long assignment = next(token).json().path("assignmentId").asLong();
		assertThat(judge(token, Map.of("assignmentId", assignment, "choice", "1")).status()).isEqualTo(201);
		Response edited = judge(token, Map.of("assignmentId", assignment, "choice", "tie"));
		assertThat(edited.status()).isEqualTo(200);
		assertThat(edited.json().path("status").asString()).isEqualTo("edited");
		assertThat(this.jdbc.sql("select winner from judgment where assignment_id = ?")
			.param(assignment)
			.query(String.class)
			.single()).isEqualTo("tie");
		assertThat(this.jdbc.sql("""
				select e.previous_winner from judgment_edit e join judgment j on j.id = e.judgment_id
				where j.assignment_id = ?""").param(assignment).query(String.class).list()).containsExactly(this.jdbc
			.sql("select case when left_is_a then 'model_a' else 'model_b' end from judgment where assignment_id = ?")
			.param(assignment)
			.query(String.class)
			.single());
	}

	@Test
	void responseOneIsTheLeftModelInTheStoredJudgment() {
		String token = this.fixture.token(this.fixture.createOpenStudy("orientation", Map.of()));
		JsonNode task = next(token).json();
		long assignment = task.path("assignmentId").asLong();
		assertThat(judge(token, Map.of("assignmentId", assignment, "choice", "1", "fail2", true)).status())
			.isEqualTo(201);
		Map<String, Object> stored = this.jdbc.sql("""
				select j.winner, j.left_is_a, j.fail_a, j.fail_b, oa.text as text_a, ob.text as text_b from judgment j
				join output oa on oa.item_id = j.item_id and oa.model_id = j.model_a_id
				join output ob on ob.item_id = j.item_id and ob.model_id = j.model_b_id where j.assignment_id = ?""")
			.param(assignment)
			.query()
			.singleRow();
		boolean leftIsA = (Boolean) stored.get("LEFT_IS_A");
		assertThat(task.path("response1").asString()).isEqualTo(leftIsA ? stored.get("TEXT_A") : stored.get("TEXT_B"));
		assertThat(stored.get("WINNER")).isEqualTo(leftIsA ? "model_a" : "model_b");
		assertThat(stored.get(leftIsA ? "FAIL_B" : "FAIL_A")).isEqualTo(true);
		assertThat(stored.get(leftIsA ? "FAIL_A" : "FAIL_B")).isEqualTo(false);
	}

	@Test
	void anotherRatersAssignmentIsNotFound() {
		long study = this.fixture.createOpenStudy("ownership", Map.of());
		List<String> tokens = this.fixture.invite(study, 2, null);
		long assignment = next(tokens.get(0)).json().path("assignmentId").asLong();
		Response stolen = judge(tokens.get(1), Map.of("assignmentId", assignment, "choice", "1"));
		assertThat(stolen.status()).isEqualTo(404);
		long otherStudy = this.fixture.createOpenStudy("ownership-other", Map.of());
		Response crossStudy = judge(this.fixture.token(otherStudy), Map.of("assignmentId", assignment, "choice", "1"));
		assertThat(crossStudy.status()).isEqualTo(404);
		assertThat(count("select count(*) from judgment where assignment_id = ?", assignment)).isZero();
	}

	@Test
	void anUnknownTokenIsNotFoundAndARevokedOneIsRefusedAtOnceAndItsTaskReturnsToThePool() {
		assertThat(next("not-a-real-token").status()).isEqualTo(404);
		long study = this.fixture.createOpenStudy("revoke", Map.of("ratingsPerTask", 1));
		String token = this.fixture.token(study);
		long assignment = next(token).json().path("assignmentId").asLong();
		long raterId = this.jdbc.sql("select rater_id from assignment where id = ?")
			.param(assignment)
			.query(Long.class)
			.single();
		long task = this.jdbc.sql("select task_id from assignment where id = ?")
			.param(assignment)
			.query(Long.class)
			.single();
		String openTasks = "select sum(tasks) from open_task_count where study_id = ?";
		assertThat(count(openTasks, study)).isEqualTo(189);
		assertThat(this.admin.post("/api/studies/" + study + "/invites/" + raterId + "/revoke", "application/json", "")
			.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select state from assignment where id = ?")
			.param(assignment)
			.query(String.class)
			.single()).isEqualTo("expired");
		assertThat(count("select leased from task where id = ?", task)).isZero();
		assertThat(count(openTasks, study)).isEqualTo(190);
		assertThat(next(token).status()).isEqualTo(403);
		Response late = judge(token, Map.of("assignmentId", assignment, "choice", "1"));
		assertThat(late.status()).isEqualTo(403);
		assertThat(late.json().path("detail").asString()).contains("revoked");
		assertThat(this.anonymous.get("/r/" + token + "/task").status()).isEqualTo(403);
	}

	@Test
	void aQuotaEndsTheRatersWorkWhenReached() {
		long study = this.fixture.createOpenStudy("quota", Map.of());
		String token = this.fixture.invite(study, 1, 2).get(0);
		for (int i = 0; i < 2; i++) {
			JsonNode task = next(token).json();
			assertThat(task.path("progress").path("target").asInt()).isEqualTo(2);
			assertThat(
					judge(token, Map.of("assignmentId", task.path("assignmentId").asLong(), "choice", "tie")).status())
				.isEqualTo(201);
		}
		assertThat(next(token).status()).isEqualTo(204);
	}

	@Test
	void aSkippedTaskGoesBackToThePoolButNotToTheSameRater() {
		long study = this.fixture.createOpenStudy("skip",
				Map.of("ratingsPerTask", 1, "categories", List.of("creativity"), "settings", List.of("few-shot")));
		List<String> tokens = this.fixture.invite(study, 2, null);
		Set<Long> seen = new HashSet<>();
		long skippedTask = taskOf(next(tokens.get(0)).json().path("assignmentId").asLong());
		long skippedAssignment = assignmentOf(tokens.get(0));
		assertThat(this.anonymous
			.postJson("/api/rate/" + tokens.get(0) + "/skip", Map.of("assignmentId", skippedAssignment))
			.status()).isEqualTo(200);
		assertThat(count("select leased from task where id = ?", skippedTask)).isZero();
		for (int i = 0; i < 5; i++) {
			JsonNode task = next(tokens.get(0)).json();
			seen.add(taskOf(task.path("assignmentId").asLong()));
			judge(tokens.get(0), Map.of("assignmentId", task.path("assignmentId").asLong(), "choice", "1"));
		}
		assertThat(next(tokens.get(0)).status()).isEqualTo(204);
		assertThat(seen).hasSize(5).doesNotContain(skippedTask);
		long other = taskOf(next(tokens.get(1)).json().path("assignmentId").asLong());
		assertThat(other).isEqualTo(skippedTask);
		Response afterSkip = judge(tokens.get(0), Map.of("assignmentId", skippedAssignment, "choice", "1"));
		assertThat(afterSkip.status()).isEqualTo(409);
	}

	@Test
	void anExpiredLeaseReturnsTheTaskAndALateAnswerCountsOnlyWhileThereIsRoom() {
		long study = this.fixture.createOpenStudy("lease",
				Map.of("ratingsPerTask", 1, "categories", List.of("planning"), "settings", List.of("few-shot")));
		List<String> tokens = this.fixture.invite(study, 3, null);
		long first = next(tokens.get(0)).json().path("assignmentId").asLong();
		long task = taskOf(first);
		expire(first);
		assertThat(this.sweeper.sweep()).isEqualTo(1);
		assertThat(this.jdbc.sql("select state from assignment where id = ?").param(first).query(String.class).single())
			.isEqualTo("expired");
		assertThat(count("select leased from task where id = ?", task)).isZero();
		assertThat(judge(tokens.get(0), Map.of("assignmentId", first, "choice", "1")).status()).isEqualTo(201);
		assertThat(count("select accepted from task where id = ?", task)).isEqualTo(1);

		long second = next(tokens.get(1)).json().path("assignmentId").asLong();
		expire(second);
		this.sweeper.sweep();
		long secondTask = taskOf(second);
		long taken = -1;
		for (int i = 0; i < 6 && taken != secondTask; i++) {
			JsonNode other = next(tokens.get(2)).json();
			taken = taskOf(other.path("assignmentId").asLong());
			judge(tokens.get(2), Map.of("assignmentId", other.path("assignmentId").asLong(), "choice", "2"));
		}
		assertThat(taken).isEqualTo(secondTask);
		Response late = judge(tokens.get(1), Map.of("assignmentId", second, "choice", "1"));
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.json().path("detail").asString()).contains("time for this task ran out");
		assertThat(count("select accepted from task where id = ?", secondTask)).isEqualTo(1);
	}

	@Test
	void attentionChecksAreScoredButNeverCountTowardsCoverage() {
		long study = this.fixture.createOpenStudy("attention", Map.of("attentionCheckRate", 0.5));
		String token = this.fixture.token(study);
		int checks = 0;
		for (int i = 0; i < 30; i++) {
			JsonNode task = next(token).json();
			long assignment = task.path("assignmentId").asLong();
			boolean check = count("select count(*) from task t join assignment a on a.task_id = t.id"
					+ " where a.id = ? and t.attention_kind is not null", assignment) == 1;
			if (check) {
				checks++;
				String goodSide = this.jdbc.sql("""
						select case when (t.attention_good_side = 'a') = a.left_is_a then '1' else '2' end
						from task t join assignment a on a.task_id = t.id where a.id = ?""")
					.param(assignment)
					.query(String.class)
					.single();
				judge(token, Map.of("assignmentId", assignment, "choice", goodSide));
			}
			else {
				judge(token, Map.of("assignmentId", assignment, "choice", "tie"));
			}
		}
		assertThat(checks).isBetween(5, 25);
		assertThat(count("select sum(accepted) from task where study_id = ?", study)).isEqualTo(30 - checks);
		assertThat(count("select count(*) from judgment where study_id = ? and attention = true", study))
			.isEqualTo(checks);
		assertThat(count("select count(*) from judgment where study_id = ? and attention_correct = true", study))
			.isEqualTo(checks);
		// For the rater a check is a task like any other: it counts in their progress.
		assertThat(next(token).json().path("progress").path("done").asInt()).isEqualTo(30);
	}

	@Test
	void aDraftOrClosedStudyRefusesRaters() {
		long study = this.fixture.createOpenStudy("draft", Map.of("open", false));
		String token = this.fixture.token(study);
		Response draft = next(token);
		assertThat(draft.status()).isEqualTo(409);
		assertThat(draft.json().path("detail").asString()).contains("has not opened yet");
		this.admin.post("/api/studies/" + study + "/open", "application/json", "");
		long assignment = next(token).json().path("assignmentId").asLong();
		this.admin.post("/api/studies/" + study + "/close", "application/json", "");
		Response closed = judge(token, Map.of("assignmentId", assignment, "choice", "1"));
		assertThat(closed.status()).isEqualTo(409);
		assertThat(closed.json().path("detail").asString()).contains("closed");
	}

	@Test
	void aGradedStudyNeedsAStrengthAndAReasonWhenRequired() {
		String token = this.fixture
			.token(this.fixture.createOpenStudy("graded", Map.of("scale", "graded", "reasonRequired", true)));
		long assignment = next(token).json().path("assignmentId").asLong();
		Response noStrength = judge(token, Map.of("assignmentId", assignment, "choice", "1", "reason", "r"));
		assertThat(noStrength.status()).isEqualTo(400);
		Response noReason = judge(token, Map.of("assignmentId", assignment, "choice", "1", "strength", "much"));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().path("detail").asString()).contains("reason");
		Response valid = judge(token,
				Map.of("assignmentId", assignment, "choice", "1", "strength", "much", "reason", "more precise"));
		assertThat(valid.status()).isEqualTo(201);
		assertThat(this.jdbc.sql("select strength from judgment where assignment_id = ?")
			.param(assignment)
			.query(String.class)
			.single()).isEqualTo("much");
		Response tie = judge(token, Map.of("assignmentId", next(token).json().path("assignmentId").asLong(), "choice",
				"tie", "reason", "same"));
		assertThat(tie.status()).isEqualTo(201);
	}

	@Test
	void aFlagKeepsTheNoteAndMovesTheRaterOn() {
		long study = this.fixture.createOpenStudy("flag", Map.of());
		String token = this.fixture.token(study);
		long assignment = next(token).json().path("assignmentId").asLong();
		Response flagged = this.anonymous.postJson("/api/rate/" + token + "/flag",
				Map.of("assignmentId", assignment, "note", "Response 2 is cut off"));
		assertThat(flagged.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select note from task_flag where study_id = ?")
			.param(study)
			.query(String.class)
			.single()).isEqualTo("Response 2 is cut off");
		assertThat(next(token).json().path("assignmentId").asLong()).isNotEqualTo(assignment);
	}

	private Response next(String token) {
		return this.anonymous.get("/api/rate/" + token + "/next");
	}

	private Response judge(String token, Map<String, Object> answer) {
		return this.anonymous.postJson("/api/rate/" + token + "/judgments", answer);
	}

	private long assignmentOf(String token) {
		return next(token).json().path("assignmentId").asLong();
	}

	private long taskOf(long assignment) {
		return this.jdbc.sql("select task_id from assignment where id = ?")
			.param(assignment)
			.query(Long.class)
			.single();
	}

	private void expire(long assignment) {
		this.jdbc.sql("update assignment set expires_at = expires_at - interval '1' day where id = ?")
			.param(assignment)
			.update();
	}

	private int count(String sql, Object parameter) {
		Integer value = this.jdbc.sql(sql).param(parameter).query(Integer.class).single();
		return (value != null) ? value : 0;
	}

}
