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
 * On a study with three criteria the sticky answer bar stays compact at 1440 × 900 (one
 * line per criterion, the reason folded), so that the responses keep most of the window;
 * every control stays reachable by keyboard, and a phone shows the bar stacked after the
 * responses. Screenshots in English and Chinese go to target/screenshots/answer-bar.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class CompactAnswerBarInBrowserIT {

	private static final List<Map<String, String>> THREE_CRITERIA = List.of(
			Map.of("id", "correctness", "label", "Which response is more correct?", "labelZh", "哪个回答更正确？", "help",
					"Facts and *logic*."),
			Map.of("id", "helpfulness", "label", "Which response is more helpful?", "labelZh", "哪个回答更有帮助？"),
			Map.of("id", "style", "label", "Which response is better written?", "labelZh", "哪个回答写得更好？"));

	private static final String BAR_SHARE = "return document.querySelector('.answer-bar').getBoundingClientRect().height"
			+ " / window.innerHeight;";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withThreeCriteriaTheBarTakesAFifthOfTheWindowAndEveryControlAnswersTheKeyboard() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("compact-bar"),
				Map.of("criteria", THREE_CRITERIA, "ratingsPerTask", 1));
		String token = fixture.token(study);
		try (Browser browser = Browser.open(this.port, "answer-bar")) {
			browser.get("/r/" + token + "/task");
			browser.viewport(1440, 900);
			browser.waitUntil("the task", (b) -> !b.findAll("[data-criterion]").isEmpty());
			double share = ((Number) browser.script(BAR_SHARE)).doubleValue();
			assertThat(share).as("the answer bar's share of a 1440 × 900 window").isLessThanOrEqualTo(0.2);
			assertThat(((Number) browser.script("""
					var bar = document.querySelector('.answer-bar').getBoundingClientRect();
					return bar.bottom - window.innerHeight;""")).doubleValue())
				.as("the bar sits at the window's bottom")
				.isLessThanOrEqualTo(0.5);
			assertThat(browser.script("""
					return Array.from(document.querySelectorAll('fieldset[data-criterion]')).map(function (row) {
					  var legend = row.querySelector('legend').getBoundingClientRect();
					  var choices = row.querySelector('.criterion-choices').getBoundingClientRect();
					  return Math.abs(legend.top + legend.height / 2 - (choices.top + choices.height / 2)) < 6;
					});""")).as("each criterion's label and choices on one line").isEqualTo(List.of(true, true, true));
			assertThat(browser.find("[data-reason-fold]").getAttribute("open")).isNull();
			browser.screenshot("01-three-criteria-1440x900");

			// Every control of the bar is in the tab order; Tab reaches the reason's fold
			// and Enter there opens it instead of sending the answer.
			assertThat(browser
				.script("""
						return Array.from(document.querySelectorAll('.answer-bar input, .answer-bar summary, .answer-bar button'))
						  .filter(function (c) { return c.disabled || c.tabIndex < 0 || c.getClientRects().length === 0; })
						  .map(function (c) { return c.outerHTML; });"""))
				.as("controls out of keyboard reach")
				.isEqualTo(List.of());
			long assignment = Long
				.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
			browser.script("document.querySelector('input[name=\"choice\"][value=\"tie\"]').focus();");
			for (int i = 0; i < 3 && !"SUMMARY".equals(activeTag(browser)); i++) {
				browser.keys(Keys.TAB);
			}
			assertThat(activeTag(browser)).as("Tab from the overall choice reaches the reason").isEqualTo("SUMMARY");
			browser.keys(Keys.ENTER);
			assertThat(browser.find("[data-reason-fold]").getAttribute("open")).isNotNull();
			assertThat(browser.find("form#answer input[name=assignmentId]").getAttribute("value"))
				.isEqualTo(String.valueOf(assignment));
			browser.script("document.activeElement.blur(); document.querySelector('[data-reason-fold]').open = false;");

			// Keys answer the criteria in turn, then the overall choice; R opens the
			// reason.
			browser.keys("1", "3", "2", "1", "r");
			assertThat(activeTag(browser)).isEqualTo("TEXTAREA");
			browser.keys("Correct and clear");
			browser.screenshot("02-answered-reason-open-1440x900");
			browser.keys(Keys.chord(Keys.CONTROL, Keys.ENTER));
			browser.waitUntil("the next task", (b) -> !b.findAll("[data-toast]").isEmpty());
			browser.assertNothingRan();
		}
		assertThat(this.jdbc.sql("select reason from judgment where assignment_id = ?")
			.param(assignment(study))
			.query(String.class)
			.single()).isEqualTo("Correct and clear");
		assertThat(this.jdbc.sql("""
				select count(*) from judgment_criterion c join judgment j on j.id = c.judgment_id
				join assignment a on a.id = j.assignment_id join task t on t.id = a.task_id where t.study_id = ?""")
			.param(study)
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aGradedStudyWithThreeCriteriaStaysUnderAQuarterAndAPhoneStacksTheBarInEnglishAndChinese() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("compact-bar-graded"),
				Map.of("criteria", THREE_CRITERIA, "scale", "graded", "ratingsPerTask", 1));
		String token = fixture.token(study);
		for (String language : List.of("en-US", "zh-CN")) {
			try (Browser browser = Browser.open(this.port, "answer-bar", language)) {
				browser.get("/r/" + token + "/task");
				browser.viewport(1440, 900);
				browser.waitUntil("the task", (b) -> !b.findAll("[data-criterion]").isEmpty());
				double share = ((Number) browser.script(BAR_SHARE)).doubleValue();
				assertThat(share).as("graded, " + language).isLessThanOrEqualTo(0.25);
				browser.screenshot("03-graded-1440x900-" + language);

				browser.size(390, 844);
				browser.get("/r/" + token + "/task");
				assertThat(browser.script("return getComputedStyle(document.querySelector('.answer-bar')).position;"))
					.isEqualTo("static");
				assertThat(browser.script("""
						var row = document.querySelector('fieldset[data-criterion]');
						return row.querySelector('legend').getBoundingClientRect().bottom
						  <= row.querySelector('.criterion-choices').getBoundingClientRect().top + 1;"""))
					.as("on a phone the criterion's label is above its choices")
					.isEqualTo(true);
				assertThat(((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
					.longValue()).isLessThanOrEqualTo(0);
				browser.script("document.querySelector('.answer-bar').scrollIntoView();");
				browser.screenshot("04-graded-390x844-" + language);
			}
		}
	}

	private long assignment(long study) {
		return this.jdbc.sql("""
				select a.id from assignment a join task t on t.id = a.task_id join judgment j on j.assignment_id = a.id
				where t.study_id = ?""").param(study).query(Long.class).single();
	}

	private static String activeTag(Browser browser) {
		return (String) browser.script("return document.activeElement.tagName;");
	}

}
