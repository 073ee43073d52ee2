package dev.pairwise.rating;

import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StatementCounter;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one judgment costs the database in the steady state of rating (issue 23): a rater
 * who holds a task answers it and gets the next in one request, with the statements and
 * the one commit counted on the wire, so that the cost cannot creep back unnoticed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pairwise.leases.sweep-interval=1h")
@ActiveProfiles("test")
@Import(StatementCounter.class)
class RatingLoopStatementCountTests {

	@LocalServerPort
	int port;

	HttpTestClient anonymous;

	StudyFixture fixture;

	@BeforeEach
	void connect() {
		this.anonymous = HttpTestClient.anonymous(this.port);
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
	}

	@Test
	void aJudgmentAndTheNextTaskTakeSixStatementsAndOneCommit() {
		String token = this.fixture
			.token(this.fixture.createOpenStudy(StudyFixture.uniqueName("loop"), Map.of("attentionCheckRate", 0)));
		long held = this.anonymous.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		held = judgeAndNext(token, held).json().path("next").path("assignmentId").asLong();

		StatementCounter.reset();
		Response judged = judgeAndNext(token, held);

		assertThat(judged.status()).isEqualTo(201);
		JsonNode next = judged.json().path("next");
		assertThat(judged.json().path("assignmentId").asLong()).isEqualTo(held);
		assertThat(judged.json().path("status").asString()).isEqualTo("created");
		assertThat(next.path("assignmentId").asLong()).isNotEqualTo(held);
		assertThat(next.path("progress").path("done").asInt()).isEqualTo(2);
		assertThat(next.path("progress").path("target").asInt()).isEqualTo(190);
		assertThat(StatementCounter.statements()).isEqualTo(6);
		assertThat(StatementCounter.commits()).isEqualTo(1);
	}

	@Test
	void resumingTheHeldTaskTakesFourStatementsAndOneCommit() {
		String token = this.fixture
			.token(this.fixture.createOpenStudy(StudyFixture.uniqueName("resume"), Map.of("attentionCheckRate", 0)));
		long held = this.anonymous.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();

		StatementCounter.reset();
		Response resumed = this.anonymous.get("/api/rate/" + token + "/next");

		assertThat(resumed.json().path("assignmentId").asLong()).isEqualTo(held);
		assertThat(StatementCounter.statements()).isEqualTo(4);
		assertThat(StatementCounter.commits()).isEqualTo(1);
	}

	private Response judgeAndNext(String token, long assignmentId) {
		return this.anonymous.postJson("/api/rate/" + token + "/judgments?next=true",
				Map.of("assignmentId", assignmentId, "choice", "1"));
	}

}
