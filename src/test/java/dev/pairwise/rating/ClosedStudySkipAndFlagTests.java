package dev.pairwise.rating;

import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** A closed study takes no skip and no flag either: 409, as it answers a judgment. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ClosedStudySkipAndFlagTests {

	@LocalServerPort
	int port;

	@Test
	void skipAndFlagOnAClosedStudyAnswer409() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("closing"), Map.of());
		String token = fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		long assignment = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		assertThat(admin.post("/api/studies/" + study + "/close", "application/json", "").status()).isEqualTo(200);

		for (String action : new String[] { "skip", "flag" }) {
			Response answer = rater.postJson("/api/rate/" + token + "/" + action,
					Map.of("assignmentId", assignment, "note", "n"));
			assertThat(answer.status()).as(action).isEqualTo(409);
			assertThat(answer.json().path("detail").asString())
				.isEqualTo("This study is closed and takes no more answers. Thank you for your help.");
		}
	}

}
