package dev.pairwise.rating;

import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rater answers a graded study's criteria with the keyboard alone in a real browser:
 * the highlighted row takes 1 / 2 / 3 and Q / W / E, then passes to the next, and the
 * overall choice comes last. Screenshots at 1440x900 and 390x844 go to
 * target/screenshots/criteria.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class CriteriaInBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRaterAnswersEveryCriterionAndTheOverallChoiceWithTheKeyboard() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy("criteria in a browser",
				Map.of("scale", "graded", "criteria",
						List.of(Map.of("id", "correctness", "label", "Which response is more correct?", "help",
								"Facts and *logic*."),
								Map.of("id", "informativeness", "label", "Which is more informative?"))));
		String token = fixture.token(study);
		try (Browser browser = Browser.open(this.port, "criteria")) {
			browser.size(1440, 900);
			browser.get("/r/" + token + "/task");
			assertThat(browser.find("[data-criterion='correctness']").getAttribute("class")).contains("active");
			browser.screenshot("criteria-1440x900");
			long assignment = Long
				.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
			browser.keys(Keys.ENTER);
			browser.waitUntil("the message", (b) -> b.find("[data-check-error]").isDisplayed());
			assertThat(browser.text("[data-check-error]")).isEqualTo("Answer every criterion before submitting.");
			// Correctness: Response 2, clearly; informativeness: tie; overall: 2, much.
			browser.keys("2", "w");
			assertThat(browser.find("[data-criterion='informativeness']").getAttribute("class")).contains("active");
			browser.keys("3");
			browser.keys("2", "e");
			assertThat(browser.find("input[name='criterion.correctness'][value='2']").isSelected()).isTrue();
			assertThat(browser.find("input[name='criterion.correctness.strength'][value='clearly']").isSelected())
				.isTrue();
			assertThat(browser.find("input[name='criterion.informativeness'][value='tie']").isSelected()).isTrue();
			assertThat(browser.find("input[name=choice][value='2']").isSelected()).isTrue();
			browser.size(390, 844);
			browser.screenshot("criteria-390x844");
			browser.keys(Keys.ENTER);
			browser.waitUntil("the next task", (b) -> !b.findAll("[data-toast]").isEmpty());

			Map<String, Object> stored = this.jdbc
				.sql("select j.winner, j.strength, j.left_is_a from judgment j where j.assignment_id = ?")
				.param(assignment)
				.query()
				.singleRow();
			boolean leftIsA = (Boolean) stored.values().toArray()[2];
			assertThat(stored.values().toArray()[0]).isEqualTo(leftIsA ? "model_b" : "model_a");
			assertThat(stored.values().toArray()[1]).isEqualTo("much");
			Map<String, String> criteria = new java.util.TreeMap<>();
			this.jdbc.sql("""
					select c.criterion, c.winner, c.strength from judgment_criterion c join judgment j
					on j.id = c.judgment_id where j.assignment_id = ?""").param(assignment).query((rs) -> {
				criteria.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3));
			});
			assertThat(criteria).containsExactly(
					Map.entry("correctness", (leftIsA ? "model_b" : "model_a") + "/clearly"),
					Map.entry("informativeness", "tie/null"));
		}
	}

}
