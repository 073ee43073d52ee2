package dev.pairwise.rating;

import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's finding: any rater could flag the same (even answered) assignment without
 * limit. One flag per task and rater (a second one edits it), only on the task they hold
 * or answered, and at most {@link AssignmentEngine#MAX_FLAGS_PER_RATER} per rater.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FlagLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSecondFlagOfTheSameTaskEditsTheFirst() {
		Rater flagging = rater("flag twice");
		long assignment = flagging.next();

		assertThat(flagging.flag(assignment, "first note").status()).isEqualTo(200);
		assertThat(flagging.flag(assignment, "second note").status()).isEqualTo(200);

		assertThat(this.jdbc.sql("select note from task_flag where study_id = ?")
			.param(flagging.study())
			.query(String.class)
			.list()).containsExactly("second note");
	}

	@Test
	void aTaskGivenBackWithoutAFlagCannotBeFlagged() {
		Rater skipping = rater("flag skipped");
		long assignment = skipping.next();
		HttpTestClient client = HttpTestClient.anonymous(this.port);
		assertThat(
				client.postJson("/api/rate/" + skipping.token() + "/skip", Map.of("assignmentId", assignment)).status())
			.isEqualTo(200);

		Response refused = skipping.flag(assignment, "late");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().path("detail").asString())
			.isEqualTo("Only the task you hold now or one you answered can be flagged.");
		assertThat(flags(skipping.study())).isZero();
	}

	@Test
	void aRaterFlagsAtMostTheCap() {
		Rater flooding = rater("flag flood");
		for (int i = 0; i < AssignmentEngine.MAX_FLAGS_PER_RATER; i++) {
			assertThat(flooding.flag(flooding.next(), "broken " + i).status()).isEqualTo(200);
		}

		Response refused = flooding.flag(flooding.next(), "one more");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().path("detail").asString()).startsWith("You have flagged 100 tasks");
		assertThat(flags(flooding.study())).isEqualTo(AssignmentEngine.MAX_FLAGS_PER_RATER);
	}

	private Rater rater(String name) {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName(name),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.0));
		return new Rater(study, fixture.token(study), HttpTestClient.anonymous(this.port));
	}

	private long flags(long study) {
		return this.jdbc.sql("select count(*) from task_flag where study_id = ?")
			.param(study)
			.query(Long.class)
			.single();
	}

	record Rater(long study, String token, HttpTestClient client) {

		long next() {
			Response next = this.client.get("/api/rate/" + this.token + "/next");
			assertThat(next.status()).isEqualTo(200);
			return next.json().path("assignmentId").asLong();
		}

		Response flag(long assignment, String note) {
			return this.client.postJson("/api/rate/" + this.token + "/flag",
					Map.of("assignmentId", assignment, "note", note));
		}

	}

}
