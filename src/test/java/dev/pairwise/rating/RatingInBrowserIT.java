package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rater in a real browser: a whole study rated with the keyboard alone, then with the
 * mouse (raw text, fail marks, skip, report), progress and resuming after the browser is
 * closed, Simplified Chinese, and the narrow layout. Every page is photographed under
 * target/screenshots/rating, and on every page the probe must have seen nothing run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class RatingInBrowserIT {

	/** The bundled set's few-shot creativity items: six tasks, examples folded. */
	private static final Map<String, Object> SIX_TASKS = Map.of("categories", List.of("creativity"), "settings",
			List.of("few-shot"), "ratingsPerTask", 1);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	StudyFixture fixture;

	@BeforeEach
	void fixture() {
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
	}

	@Test
	void aWholeStudyIsRatedWithTheKeyboardAlone() {
		long study = this.fixture.createOpenStudy("keyboard only", SIX_TASKS);
		String token = this.fixture.token(study);
		// Answer keys per task, and the answer each must be stored as, in screen terms.
		List<List<String>> keys = List.of(List.of("1"), List.of("2", "f"), List.of("3"), List.of("4", "f", "j"),
				List.of("1", "j"), List.of("2"));
		List<Long> assignments = new ArrayList<>();
		try (Browser browser = Browser.open(this.port, "rating")) {
			browser.get("/r/" + token);
			browser.assertNothingRan();
			browser.screenshot("01-welcome");
			for (int i = 0; i < 40 && !focused(browser).equals("Start rating"); i++) {
				browser.keys(Keys.TAB);
			}
			assertThat(focused(browser)).isEqualTo("Start rating");
			browser.keys(Keys.ENTER);
			for (int task = 0; task < 6; task++) {
				long assignment = waitForNewTask(browser, assignments);
				assignments.add(assignment);
				assertThat(browser.text(".rater-progress .count")).isEqualTo(task + " / 6");
				if (task == 0) {
					browser.screenshot("02-task");
				}
				for (String key : keys.get(task)) {
					browser.keys(key);
				}
				String choice = switch (keys.get(task).get(0)) {
					case "1" -> "1";
					case "2" -> "2";
					case "3" -> "tie";
					default -> "both-bad";
				};
				assertThat(browser.find("input[name=choice][value='" + choice + "']").isSelected()).isTrue();
				assertThat(browser.find("input[name=fail1]").isSelected()).isEqualTo(keys.get(task).contains("f"));
				assertThat(browser.find("input[name=fail2]").isSelected()).isEqualTo(keys.get(task).contains("j"));
				browser.assertNothingRan();
				browser.keys(Keys.ENTER);
			}
			browser.waitUntil("the done page", (b) -> !b.findAll(".big-mark").isEmpty());
			assertThat(browser.text("main")).contains("Thank you!").contains("You have judged 6 pairs.");
			assertThat(browser.text(".rater-progress .count")).isEqualTo("6 / 6");
			browser.assertNothingRan();
			browser.screenshot("03-done");
		}
		// Stored in the task's terms: screen side 1 is model_a when left_is_a.
		for (int task = 0; task < 6; task++) {
			Map<String, Object> stored = this.jdbc
				.sql("select winner, fail_a, fail_b, left_is_a, elapsed_ms from judgment where assignment_id = ?")
				.param(assignments.get(task))
				.query()
				.singleRow();
			boolean leftIsA = (Boolean) stored.get("LEFT_IS_A");
			String first = keys.get(task).get(0);
			String winner = switch (first) {
				case "1" -> leftIsA ? "model_a" : "model_b";
				case "2" -> leftIsA ? "model_b" : "model_a";
				case "3" -> "tie";
				default -> "both-bad";
			};
			boolean failLeft = keys.get(task).contains("f");
			boolean failRight = keys.get(task).contains("j");
			assertThat(stored).as("task " + task)
				.containsEntry("WINNER", winner)
				.containsEntry("FAIL_A", leftIsA ? failLeft : failRight)
				.containsEntry("FAIL_B", leftIsA ? failRight : failLeft);
			assertThat((Long) stored.get("ELAPSED_MS")).as("time on task " + task).isPositive();
		}
	}

	@Test
	void aWholeStudyIsRatedWithTheMouseWithRawTextSkipAndReport() {
		long study = this.fixture.createOpenStudy("mouse", SIX_TASKS);
		String token = this.fixture.token(study);
		long first;
		try (Browser browser = Browser.open(this.port, "rating")) {
			browser.get("/r/" + token);
			browser.find("a.button.primary").click();
			first = waitForNewTask(browser, List.of());

			// Folded few-shot examples open on a click.
			WebElement examples = browser.find("details.exemplars");
			assertThat(examples.getAttribute("open")).isNull();
			examples.findElement(org.openqa.selenium.By.tagName("summary")).click();
			assertThat(examples.getAttribute("open")).isNotNull();

			// Raw text shows exactly what the model wrote.
			String stored = this.jdbc.sql("""
					select case when a.left_is_a then oa.text else ob.text end
					from assignment a join task t on t.id = a.task_id
					join output oa on oa.item_id = t.item_id and oa.model_id = t.model_a_id
					join output ob on ob.item_id = t.item_id and ob.model_id = t.model_b_id
					where a.id = ?""").param(first).query(String.class).single();
			WebElement raw = browser.find(".response[data-side='1'] pre.raw");
			assertThat(raw.isDisplayed()).isFalse();
			// The answer bar stays at the bottom of the window, so bring the control up
			// first.
			clickInView(browser, ".response[data-side='1'] [data-raw-toggle]");
			assertThat(raw.isDisplayed()).isTrue();
			assertThat(raw.getAttribute("textContent")).isEqualTo(stored);
			assertThat(browser.find(".response[data-side='1'] [data-rendered]").isDisplayed()).isFalse();
			browser.screenshot("04-task-raw-text");

			// Answer with the mouse: Response 2, Response 1 marked a fail, a reason.
			browser.find("input[name=choice][value='2']").findElement(org.openqa.selenium.By.xpath("..")).click();
			clickInView(browser, "input[name=fail1]");
			browser.find("textarea[name=reason]").sendKeys("Response 2 follows the plan");
			browser.assertNothingRan();
			browser.find("button[data-submit]").click();
			long second = waitForNewTask(browser, List.of(first));

			// Skip, then report a problem with the third.
			browser.find(".secondary-actions form button.link").click();
			long third = waitForNewTask(browser, List.of(first, second));
			browser.find("details.flag summary").click();
			browser.find("details.flag textarea[name=note]").sendKeys("The prompt is cut off");
			browser.screenshot("05-task-report");
			browser.find("details.flag button[type=submit]").click();
			List<Long> seen = new ArrayList<>(List.of(first, second, third));
			// The rest of the study with the mouse alone: a choice, then Submit.
			for (int task = 1; task <= 3; task++) {
				seen.add(waitForNewTask(browser, seen));
				assertThat(browser.text(".rater-progress .count")).isEqualTo(task + " / 4");
				browser.findAll("label.choice").get(task % 4).click();
				browser.assertNothingRan();
				browser.find("button[data-submit]").click();
			}
			browser.waitUntil("the done page", (b) -> !b.findAll(".big-mark").isEmpty());
			assertThat(browser.text(".rater-progress .count")).isEqualTo("4 / 4");
			assertThat(browser.text("main")).contains("You have judged 4 pairs.");
			browser.assertNothingRan();
		}
		Map<String, Object> judgment = this.jdbc
			.sql("select winner, fail_a, fail_b, reason, left_is_a from judgment where assignment_id = ?")
			.param(first)
			.query()
			.singleRow();
		boolean leftIsA = (Boolean) judgment.get("LEFT_IS_A");
		assertThat(judgment).containsEntry("WINNER", leftIsA ? "model_b" : "model_a")
			.containsEntry("FAIL_A", leftIsA)
			.containsEntry("FAIL_B", !leftIsA)
			.containsEntry("REASON", "Response 2 follows the plan");
		assertThat(this.jdbc.sql("select a.state from assignment a where a.study_id = ? order by a.id")
			.param(study)
			.query(String.class)
			.list()).containsExactly("judged", "skipped", "skipped", "judged", "judged", "judged");
		assertThat(
				this.jdbc.sql("select note from task_flag where study_id = ?").param(study).query(String.class).list())
			.containsExactly("The prompt is cut off");
	}

	@Test
	void closingTheBrowserLosesNothingAndTheLinkResumesTheSameTask() {
		long study = this.fixture.createOpenStudy("resume", SIX_TASKS);
		String token = this.fixture.token(study);
		List<Long> seen = new ArrayList<>();
		try (Browser browser = Browser.open(this.port, "rating")) {
			browser.get("/r/" + token + "/task");
			for (int task = 0; task < 2; task++) {
				seen.add(waitForNewTask(browser, seen));
				browser.keys("1");
				browser.keys(Keys.ENTER);
			}
			seen.add(waitForNewTask(browser, seen));
			assertThat(browser.text(".rater-progress .count")).isEqualTo("2 / 6");
		}
		try (Browser another = Browser.open(this.port, "rating")) {
			another.get("/r/" + token);
			assertThat(another.text("main")).contains("You have judged 2 pairs so far.");
			assertThat(another.text("a.button.primary")).isEqualTo("Continue rating");
			assertThat(another.text(".rater-progress .count")).isEqualTo("2 / 6");
			another.screenshot("06-welcome-back");
			another.find("a.button.primary").click();
			another.waitUntil("the task page", (b) -> !b.findAll("form#answer").isEmpty());
			assertThat(assignmentOf(another)).isEqualTo(seen.get(2));
			assertThat(another.text(".rater-progress .count")).isEqualTo("2 / 6");
			another.assertNothingRan();
		}
	}

	@Test
	void theRaterPagesSpeakChineseByLinkAndByTheBrowsersLanguage() {
		long study = this.fixture.createOpenStudy("chinese", SIX_TASKS);
		String token = this.fixture.token(study);
		try (Browser browser = Browser.open(this.port, "rating")) {
			browser.get("/r/" + token);
			assertThat(browser.text("h1")).isEqualTo("Thank you for helping with this evaluation");
			browser.find("a[href='?lang=zh-CN']").click();
			browser.waitUntil("Chinese", (b) -> b.text("h1").equals("感谢你参与这项评测"));
			assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
			assertThat(browser.text("a.button.primary")).isEqualTo("开始评测");
			browser.screenshot("07-welcome-zh");
			browser.find("a.button.primary").click();
			browser.waitUntil("the task page", (b) -> !b.findAll("form#answer").isEmpty());
			assertThat(browser.text("fieldset.choices legend")).isEqualTo("哪个回答更好？");
			assertThat(browser.text(".response[data-side='1'] .response-name")).isEqualTo("回答 1");
			browser.assertNothingRan();
			browser.screenshot("08-task-zh");
			// The choice is remembered: the next page is Chinese without the parameter.
			browser.get("/r/" + token);
			assertThat(browser.text("h1")).isEqualTo("感谢你参与这项评测");
		}
		try (Browser chinese = Browser.open(this.port, "rating", "zh-CN")) {
			chinese.get("/r/" + token);
			assertThat(chinese.text("h1")).isEqualTo("感谢你参与这项评测");
			assertThat(chinese.find("html").getAttribute("lang")).isEqualTo("zh-CN");
		}
	}

	@Test
	void theResponsesSitSideBySideOnAWideScreenAndStackOnANarrowOne() {
		long study = this.fixture.createOpenStudy("layout", SIX_TASKS);
		String token = this.fixture.token(study);
		try (Browser browser = Browser.open(this.port, "rating")) {
			browser.get("/r/" + token + "/task");
			Rectangle left = browser.find(".response[data-side='1']").getRect();
			Rectangle right = browser.find(".response[data-side='2']").getRect();
			assertThat(left.getX() + left.getWidth()).isLessThanOrEqualTo(right.getX());
			assertThat(left.getY()).isEqualTo(right.getY());
			browser.size(400, 860);
			browser.get("/r/" + token + "/task");
			left = browser.find(".response[data-side='1']").getRect();
			right = browser.find(".response[data-side='2']").getRect();
			assertThat(left.getY() + left.getHeight()).isLessThanOrEqualTo(right.getY());
			assertThat(browser
				.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
				.isEqualTo(0L);
			browser.screenshot("09-task-narrow");
		}
	}

	@Test
	void everyAdminPageIsPhotographedAndRunsNothingForeign() {
		long study = this.fixture.createOpenStudy("admin pages", SIX_TASKS);
		String token = this.fixture.token(study);
		HttpTestClient anonymous = HttpTestClient.anonymous(this.port);
		long assignment = anonymous.get("/api/rate/" + token + "/next").json().path("assignmentId").asLong();
		anonymous.postJson("/api/rate/" + token + "/judgments",
				Map.of("assignmentId", assignment, "choice", "1", "reason", "clearer"));
		long taskId = this.jdbc.sql("select task_id from assignment where id = ?")
			.param(assignment)
			.query(Long.class)
			.single();
		long evalSet = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'")
			.query(Long.class)
			.single();
		try (Browser browser = Browser.open(this.port, "admin")) {
			browser.get("/login");
			browser.screenshot("01-login");
			browser.signIn();
			String[][] pages = { { "/", "02-home" }, { "/studies", "03-studies" },
					{ "/studies/new?evalSetId=" + evalSet, "04-new-study" }, { "/studies/" + study, "05-study" },
					{ "/studies/" + study + "/progress", "06-progress" },
					{ "/studies/" + study + "/results", "07-results" }, { "/eval-sets", "08-eval-sets" },
					{ "/eval-sets/" + evalSet, "09-items" }, { "/models", "10-models" },
					{ "/studies/" + study + "/tasks/" + taskId, "12-task-review" },
					{ "/no-such-page", "11-not-found" } };
			for (String[] page : pages) {
				browser.get(page[0]);
				browser.assertNothingRan();
				browser.screenshot(page[1]);
			}
			assertThat(browser.text("main")).contains("There is nothing at this address.");
		}
	}

	private static void clickInView(Browser browser, String css) {
		WebElement element = browser.find(css);
		browser.script("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	private static String focused(Browser browser) {
		return String
			.valueOf(browser.script("return document.activeElement ? document.activeElement.textContent.trim() : '';"));
	}

	/** Waits for a task page whose assignment is not one of those already seen. */
	private static long waitForNewTask(Browser browser, List<Long> seen) {
		browser.waitUntil("a new task", (b) -> !b.findAll("form#answer").isEmpty() && !seen.contains(assignmentOf(b)));
		return assignmentOf(browser);
	}

	private static long assignmentOf(Browser browser) {
		return Long.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
	}

}
