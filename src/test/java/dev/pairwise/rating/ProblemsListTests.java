package dev.pairwise.rating;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.WebSession;
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
 * The progress page's reported problems are summarised (total, tasks, raters, and per
 * item category) and listed one page of {@link ProgressController#PROBLEMS_PER_PAGE} at a
 * time, never the whole table.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProblemsListTests {

	private static final Pattern ROW = Pattern.compile("<tr><td><a href=\"/studies/\\d+/tasks/\\d+\"><code>");

	private static final Pattern CATEGORY = Pattern.compile("<span class=\"chip\">([^<]+) (\\d+)</span>");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void seventyThreeReportsAreSummarisedAndListedFiftyThenTwentyThree() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("problems"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.0));
		String token = fixture.token(study);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		for (int i = 0; i < 73; i++) {
			long assignment = rater.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
			Response flagged = rater.postJson("/api/rate/" + token + "/flag",
					Map.of("assignmentId", assignment, "note", "problem " + i));
			assertThat(flagged.status()).isEqualTo(200);
		}
		WebSession admin = WebSession.signedInAdmin(this.port);

		String first = admin.get("/studies/" + study + "/progress").body();
		String second = admin.get("/studies/" + study + "/progress?problemsPage=2").body();
		String beyond = admin.get("/studies/" + study + "/progress?problemsPage=9").body();

		assertThat(first).contains("Reports: 73, on 73 tasks, by 1 raters").contains("Page 1 of 2");
		assertThat(rows(first)).isEqualTo(50);
		assertThat(first).contains(">problem 72<").doesNotContain(">problem 22<");
		assertThat(rows(second)).isEqualTo(23);
		assertThat(second).contains("Page 2 of 2").contains(">problem 22<").contains(">problem 0<");
		assertThat(beyond).contains("Page 2 of 2");
		assertThat(rows(beyond)).isEqualTo(23);
		Matcher category = CATEGORY.matcher(first.substring(first.indexOf("problems-by-category")));
		long sum = 0;
		while (category.find() && sum < 73) {
			long expected = this.jdbc.sql("""
					select count(*) from task_flag f join task t on t.id = f.task_id join item i on i.id = t.item_id
					where f.study_id = ? and i.category = ?""")
				.params(study, category.group(1))
				.query(Long.class)
				.single();
			assertThat(Long.parseLong(category.group(2))).as(category.group(1)).isEqualTo(expected).isPositive();
			sum += expected;
		}
		assertThat(sum).isEqualTo(73);
	}

	private static int rows(String page) {
		return (int) ROW.matcher(page).results().count();
	}

}
