package dev.pairwise.recruitment;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crowd campaign in a real browser: the admin sets up the link with the Prolific
 * preset on the participants page, and a participant arrives from Prolific, consents,
 * answers the practice questions (seeing the feedback), rates their tasks with the
 * keyboard and ends on the completion code. Consent, feedback and the end page are
 * photographed at 1440 × 900 and 390 × 844 under target/screenshots/recruitment; on every
 * page nothing may run but the app's own scripts, and no model is named.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class RecruitmentInBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aProlificParticipantWalksFromTheLinkToTheCompletionCode() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("browser-campaign"),
				Map.of("categories", List.of("creativity"), "ratingsPerTask", 1, "attentionCheckRate", 0.0));
		String item = this.jdbc.sql("""
				select i.item_key from item i join study s on s.eval_set_id = i.eval_set_id
				where s.id = ? order by i.position""").param(study).query(String.class).list().get(0);
		String link;
		try (Browser admin = Browser.open(this.port, "recruitment")) {
			admin.size(1440, 900);
			admin.signIn().get("/studies/" + study);
			admin.script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-study-section-empty");
			admin.find("#recruitment details.recruitment-setup summary").click();
			new Select(admin.find("[data-preset]")).selectByValue("prolific");
			assertThat(admin.find("[data-param-field]").getAttribute("value")).isEqualTo("PROLIFIC_PID");
			assertThat(admin.find("[data-extras-field]").getAttribute("value")).isEqualTo("STUDY_ID, SESSION_ID");
			admin.find("#tasks").clear();
			admin.find("#tasks").sendKeys("2");
			admin.find("#code").sendKeys("CB7XQ2");
			admin.find("#screenCode").sendKeys("NOQUAL");
			admin.find("#consent")
				.sendKeys("## About this study\n\nYou compare two answers to a prompt. "
						+ "Your Prolific id is kept with your answers.");
			admin.find("#questions")
				.sendKeys(item + " | 1 | Response 1 follows the instructions; Response 2 does not.");
			admin.find("#attentionChecks").clear();
			admin.find("#attentionChecks").sendKeys("1");
			admin.find("#passMark").sendKeys("2");
			admin.script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-study-section-form");
			admin.size(390, 844).script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-study-section-form-narrow");
			admin.size(1440, 900);
			admin.find("[data-recruitment-form] button[type=submit]").click();
			admin.waitUntil("the link", (b) -> !b.findAll("[data-recruitment-url]").isEmpty());
			admin.assertNothingRan();
			link = admin.find("[data-recruitment-url]").getAttribute("value");
			assertThat((String) admin.script("return location.href;")).endsWith("/studies/" + study + "#recruitment");
			assertThat(admin.text("#recruitment")).contains("0 participants so far");
			admin.screenshot("00-study-section-link");
			admin.size(390, 844).script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-study-section-link-narrow");
		}
		String path = URI.create(link).getPath();

		try (Browser participant = Browser.open(this.port, "recruitment")) {
			participant.size(1440, 900);
			participant.get(path + "?PROLIFIC_PID=60a1b2c3d4e5f60718293a4b&STUDY_ID=s-1&SESSION_ID=x-1");
			participant.waitUntil("the consent page", (b) -> !b.findAll("[data-consent]").isEmpty());
			assertThat(participant.text("main")).contains("About this study").contains("about 10 minutes");
			participant.assertNothingRan();
			participant.screenshot("01-consent");
			participant.size(390, 844).screenshot("01-consent-narrow");
			participant.size(1440, 900);
			participant.find("[data-consent]").click();

			participant.waitUntil("the practice question", (b) -> !b.findAll("button[name=answer]").isEmpty());
			assertNoModelNamed(participant);
			participant.assertNothingRan();
			participant.find("button[name=answer][value='2']").click();
			participant.waitUntil("the feedback", (b) -> !b.findAll("[data-matched]").isEmpty());
			assertThat(participant.text("main")).contains("differs from the expected one")
				.contains("You chose Response 2; the expected answer is Response 1.")
				.contains("Response 1 follows the instructions");
			participant.assertNothingRan();
			participant.screenshot("02-qualification-feedback");
			participant.size(390, 844).screenshot("02-qualification-feedback-narrow");
			participant.size(1440, 900);

			participant.find("[data-continue]").click();
			participant.waitUntil("the built-in check", (b) -> b.text("main").contains("(empty response)"));
			participant.find("button[name=answer][value='1']").click();
			participant.waitUntil("the check's feedback", (b) -> !b.findAll("[data-check-explanation]").isEmpty());
			assertThat(participant.text("[data-check-explanation]"))
				.isEqualTo("This was an attention check: Response 2 is empty, so Response 1 is better.");
			participant.screenshot("02-check-feedback");
			participant.size(390, 844).screenshot("02-check-feedback-narrow");
			participant.size(1440, 900);
			participant.find("[data-continue]").click();
			participant.waitUntil("the screen-out page", (b) -> !b.findAll("[data-final='screened-out']").isEmpty());
			assertThat(participant.text(".completion-code")).isEqualTo("NOQUAL");
			participant.assertNothingRan();
		}

		try (Browser participant = Browser.open(this.port, "recruitment")) {
			participant.size(1440, 900);
			participant.get(path + "?PROLIFIC_PID=60a1b2c3d4e5f60718293a4c&STUDY_ID=s-1&SESSION_ID=x-2");
			participant.waitUntil("the consent page", (b) -> !b.findAll("[data-consent]").isEmpty());
			participant.find("[data-consent]").click();
			participant.waitUntil("the practice question", (b) -> !b.findAll("button[name=answer]").isEmpty());
			participant.find("button[name=answer][value='1']").click();
			participant.waitUntil("the feedback", (b) -> !b.findAll("[data-matched]").isEmpty());
			assertThat(participant.text("main")).contains("matched the expected one");
			participant.find("[data-continue]").click();
			participant.waitUntil("the built-in check", (b) -> b.text("main").contains("(empty response)"));
			participant.find("button[name=answer][value='1']").click();
			participant.waitUntil("the check's feedback", (b) -> !b.findAll("[data-check-explanation]").isEmpty());
			participant.find("[data-continue]").click();
			participant.waitUntil("the welcome page", (b) -> !b.findAll("section.welcome a.button.primary").isEmpty());
			assertThat(participant.text("main")).contains("2 tasks");
			participant.find("section.welcome a.button.primary").click();
			for (int task = 0; task < 2; task++) {
				int done = task;
				participant.waitUntil("task " + (task + 1),
						(b) -> b.text(".rater-progress .count").equals(done + " / 2"));
				assertNoModelNamed(participant);
				participant.keys("1");
				participant.keys(Keys.ENTER);
			}
			participant.waitUntil("the end page", (b) -> !b.findAll("[data-final='complete']").isEmpty());
			assertThat(participant.text(".completion-code")).isEqualTo("CB7XQ2");
			assertThat(participant.find("[data-return]").getAttribute("href"))
				.isEqualTo("https://app.prolific.com/submissions/complete?cc=CB7XQ2");
			assertNoModelNamed(participant);
			participant.assertNothingRan();
			participant.screenshot("03-end");
			participant.size(390, 844).screenshot("03-end-narrow");
		}
	}

	@Test
	void underTheWarnPolicyAParticipantWhoMissedACheckReadsTheReminderAndGoesOn() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("browser-warn"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.5));
		HttpTestClient.Response saved = HttpTestClient.admin(this.port)
			.postJson("/api/studies/" + study + "/recruitment", Map.of("preset", "prolific", "tasksPerParticipant", 20,
					"completionCode", "WARNED", "attentionPolicy", "warn"));
		Participants participants = new Participants(this.port);
		String token = participants.enrol(URI.create(saved.json().path("url").asString()).getPath(),
				"PROLIFIC_PID=60a1b2c3d4e5f60718293a4d");
		participants.consent(token);
		boolean missed = false;
		while (!missed) {
			long assignment = participants.next(token).json().path("assignmentId").asLong();
			String good = this.jdbc.sql("""
					select case when (t.attention_good_side = 'a') = a.left_is_a then '1' else '2' end
					from assignment a join task t on t.id = a.task_id
					where a.id = ? and t.attention_kind is not null""")
				.param(assignment)
				.query(String.class)
				.optional()
				.orElse(null);
			missed = good != null;
			participants.judge(token, assignment, "1".equals(good) ? "2" : "1");
		}

		try (Browser participant = Browser.open(this.port, "recruitment")) {
			participant.size(1440, 900);
			participant.get("/r/" + token + "/task");
			participant.waitUntil("the reminder", (b) -> !b.findAll("[data-attention-warning]").isEmpty());
			assertThat(participant.text("main")).contains("A quick reminder")
				.contains("Please read the prompt and both responses in full before you choose.");
			participant.assertNothingRan();
			participant.screenshot("04-attention-warning");
			participant.size(390, 844).screenshot("04-attention-warning-narrow");
			participant.size(1440, 900);
			participant.find("[data-continue]").click();
			participant.waitUntil("the next task", (b) -> !b.findAll(".rater-progress .count").isEmpty());
			assertNoModelNamed(participant);
		}
	}

	private static void assertNoModelNamed(Browser browser) {
		String html = (String) browser.script("return document.documentElement.outerHTML;");
		assertThat(html).doesNotContain("instruction-tuned-demo").doesNotContain("base-demo");
	}

}
