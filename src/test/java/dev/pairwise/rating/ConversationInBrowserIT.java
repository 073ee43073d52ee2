package dev.pairwise.rating;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.MtBenchStudy;
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
 * A rater answers an MT-Bench second turn in a real browser, by keyboard only: the
 * conversation as a chat above the two responses, each model's own first answer on its
 * side, folded when long, raw text with T, and no model name anywhere in the page.
 * Screenshots at 1440x900 and 390x844 go to target/screenshots/conversation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class ConversationInBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRaterAnswersASecondTurnByKeyboardSeeingEachResponsesOwnEarlierAnswer() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		long study = MtBenchStudy.openStudy(admin, MtBenchStudy.evalSet(admin));
		String token = new StudyFixture(admin).token(study);
		long answered;
		try (Browser browser = Browser.open(this.port, "conversation")) {
			browser.get("/r/" + token + "/task");
			while (browser.findAll("[data-conversation]").isEmpty()) {
				long first = assignmentOf(browser);
				browser.keys("1");
				browser.keys(Keys.ENTER);
				browser.waitUntil("another task",
						(b) -> !b.findAll("form#answer").isEmpty() && assignmentOf(b) != first);
			}
			answered = assignmentOf(browser);
			String page = String.valueOf(browser.script("return document.documentElement.outerHTML;"));
			assertThat(page).doesNotContain(MtBenchStudy.FIRST).doesNotContain(MtBenchStudy.SECOND);
			// A long first answer starts folded; a click unfolds it.
			if (browser.findAll(".chat-history[open]").isEmpty()) {
				browser.find(".chat-history > summary").click();
				// The click leaves the focus on the summary, where Enter folds it again.
				browser.script("document.activeElement.blur();");
			}
			assertThat(browser.findAll(".chat-step.role-user .chat-role")).hasSize(1);
			assertThat(browser.text(".chat-step.role-user .chat-role")).isEqualTo("USER");
			assertThat(browser.findAll(".chat-split .chat-side")).hasSize(2);
			assertThat(browser.text(".prompt-card .card-label span")).isEqualTo("LATEST USER MESSAGE");
			browser.screenshot("second-turn-1440x900");
			browser.keys("t");
			assertThat(browser.find(".chat-split .chat-side pre.raw").isDisplayed()).isTrue();
			assertThat(browser.find(".prompt-card pre.raw").isDisplayed()).isTrue();
			browser.keys("t");
			browser.size(390, 844);
			browser.screenshot("second-turn-390x844");
			browser.size(1440, 900);
			browser.keys("2");
			browser.keys(Keys.ENTER);
			browser.waitUntil("another task",
					(b) -> !b.findAll("form#answer").isEmpty() && assignmentOf(b) != answered);
			browser.assertNothingRan();
		}
		assertThat(this.jdbc.sql("""
				select i.turn from judgment j join item i on i.id = j.item_id where j.assignment_id = ?""")
			.param(answered)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	private static long assignmentOf(Browser browser) {
		return Long.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
	}

}
