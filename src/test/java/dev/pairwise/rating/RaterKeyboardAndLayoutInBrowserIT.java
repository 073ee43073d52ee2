package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rating page in a real browser, with the keyboard: a refused answer leaves the focus
 * where it was, Enter submits from anywhere but a multi-line field, the shortcuts for raw
 * text, reason and skip, Back, and a layout without scroll boxes of its own: a long
 * prompt folds, the answer stays in reach, and the phone layout has no key hints.
 * Screenshots go to target/screenshots/rating-keyboard.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class RaterKeyboardAndLayoutInBrowserIT {

	private static final AtomicInteger SETS = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	StudyFixture fixture;

	@BeforeEach
	void fixture() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void aRefusedAnswerKeepsTheFocusOutOfTheReasonSoTheNextKeyIsAShortcut() {
		String token = this.fixture.token(study(shortSet(3), Map.of("reasonRequired", true)));
		long first;
		try (Browser browser = Browser.open(this.port, "rating-keyboard")) {
			browser.get("/r/" + token + "/task");
			first = assignmentOf(browser);
			browser.keys("1");
			browser.keys(Keys.ENTER);
			browser.waitUntil("the message", (b) -> b.find("[data-check-error]").isDisplayed());
			assertThat(browser.text("[data-check-error]"))
				.isEqualTo("This study asks for a short reason with every answer.");
			assertThat(activeTag(browser)).isNotEqualTo("TEXTAREA");
			browser.keys("2");
			assertThat(browser.find("textarea[name=reason]").getAttribute("value")).isEmpty();
			assertThat(browser.find("input[name=choice][value='2']").isSelected()).isTrue();
			// R goes to the reason; there Enter is a new line and Ctrl+Enter submits.
			browser.keys("r");
			assertThat(activeTag(browser)).isEqualTo("TEXTAREA");
			browser.keys("Clearly follows the plan", Keys.ENTER, "second line");
			assertThat(assignmentOf(browser)).isEqualTo(first);
			browser.keys(Keys.chord(Keys.CONTROL, Keys.ENTER));
			waitForAnotherTask(browser, first);
			assertThat(browser.text("[data-toast]")).isEqualTo("Answer saved.");
			browser.assertNothingRan();
		}
		assertThat(this.jdbc.sql("select reason from judgment where assignment_id = ?")
			.param(first)
			.query(String.class)
			.single()).isEqualTo("Clearly follows the plan\r\nsecond line");
	}

	@Test
	void enterOnTheRawTextButtonSubmitsTAndSKeysWorkAndBackSaysItIsTheCurrentTask() {
		String token = this.fixture.token(study(shortSet(4), Map.of()));
		long first;
		long second;
		try (Browser browser = Browser.open(this.port, "rating-keyboard")) {
			browser.get("/r/" + token + "/task");
			first = assignmentOf(browser);
			browser.keys("t");
			assertThat(browser.find(".prompt-card pre.raw").isDisplayed()).isTrue();
			assertThat(browser.find(".response[data-side='2'] pre.raw").isDisplayed()).isTrue();
			browser.keys("t");
			assertThat(browser.find(".prompt-card pre.raw").isDisplayed()).isFalse();
			browser.find(".response[data-side='1'] [data-raw-toggle]").click();
			assertThat(browser.find(".response[data-side='1'] pre.raw").isDisplayed()).isTrue();
			browser.keys("3");
			browser.find(".response[data-side='1'] [data-raw-toggle]").sendKeys(Keys.ENTER);
			second = waitForAnotherTask(browser, first);
			browser.keys("s");
			long third = waitForAnotherTask(browser, second);
			assertThat(browser.text("[data-toast]")).isEqualTo("Task skipped.");
			browser.script("window.history.back();");
			browser.waitUntil("the page again",
					(b) -> b.findAll("form#answer").size() == 1 && b.find("[data-back-notice]").isDisplayed());
			assertThat(assignmentOf(browser)).isEqualTo(third);
			browser.assertNothingRan();
		}
		assertThat(this.jdbc.sql("select state from assignment where id in (?, ?) order by id")
			.params(first, second)
			.query(String.class)
			.list()).containsExactly("judged", "skipped");
	}

	@Test
	void aLongPromptFoldsTheAnswerStaysInReachAndAPhoneShowsNoKeyHints() {
		String longPrompt = "Read the report and answer the question at the end.\n\n"
				+ "The committee met on a Tuesday and discussed the budget at length. ".repeat(160)
				+ "\n\nQuestion: on which day did the committee meet?";
		String longAnswer = "Tuesday.\n\n" + "The minutes say so on every page, and so does the agenda. ".repeat(120);
		String token = this.fixture
			.token(study(set("long", longPrompt, longAnswer, "It met on\nTuesday.\n\n" + longAnswer), Map.of()));
		try (Browser browser = Browser.open(this.port, "rating-keyboard")) {
			browser.size(1440, 900);
			browser.get("/r/" + token + "/task");
			assertThat(browser.script("""
					var box = document.querySelector('.prompt-text');
					return getComputedStyle(box).maxHeight + ' ' + (box.scrollHeight > box.clientHeight + 1);"""))
				.as("no height cap and nothing to scroll inside the prompt")
				.isEqualTo("none false");
			assertThat(browser.findAll(".fold-toggle")).hasSize(1);
			assertThat(windowHeight(browser) - browser.find("button[data-submit]").getRect().getY())
				.as("the submit button is on screen")
				.isPositive();
			assertThat(browser.text(".fold-tail")).as("the question stays in view while folded")
				.contains("Question: on which day did the committee meet?");
			browser.screenshot("01-long-prompt-folded");
			browser.find(".fold-toggle").click();
			assertThat(browser.text(".prompt-text")).endsWith("Question: on which day did the committee meet?");
			Rectangle left = browser.find(".response[data-side='1']").getRect();
			Rectangle right = browser.find(".response[data-side='2']").getRect();
			assertThat(left.getY()).isEqualTo(right.getY());
			assertThat(browser
				.script("""
						return Array.prototype.map.call(document.querySelectorAll('.response .text-body, .response .markdown'),
						  function (box) { return getComputedStyle(box).maxHeight + ' ' + (box.scrollHeight > box.clientHeight + 1); })
						  .join(', ');"""))
				.as("no response is a box of its own to scroll: the page's one scroll moves both")
				.isEqualTo("none false, none false, none false, none false");
			browser.script(
					"window.scrollTo(0, document.querySelector('.responses').getBoundingClientRect().top + window.scrollY + 600);");
			assertThat(browser
				.script("""
						var one = document.querySelector(".response[data-side='1']").getBoundingClientRect().top;
						var two = document.querySelector(".response[data-side='2']").getBoundingClientRect().top;
						var submit = document.querySelector('button[data-submit]').getBoundingClientRect();
						return (one === two) + ' ' + (one < -500) + ' ' + (submit.top >= 0 && submit.bottom <= window.innerHeight);"""))
				.as("scrolled together into the responses, the answer bar still on screen")
				.isEqualTo("true true true");
			browser.screenshot("02-long-prompt-open");

			browser.size(390, 844);
			browser.get("/r/" + token + "/task");
			left = browser.find(".response[data-side='1']").getRect();
			right = browser.find(".response[data-side='2']").getRect();
			assertThat(left.getY() + left.getHeight()).isLessThanOrEqualTo(right.getY());
			assertThat(browser.find(".keys-hint").isDisplayed()).isFalse();
			assertThat(browser.findAll("[data-sync-scroll]")).isEmpty();
			browser.screenshot("03-phone");
		}
	}

	@Test
	void aPoemAnEmptyResponseAndAttentionChecksAreRatedWithTheKeyboardInEnglishAndChinese() {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "Write a short poem about rain, one line per verse.",
				"Rain on the roof\nrain on the lane\nthe garden drinks\nand sleeps again", "" });
		rows.add(new String[] { "List three fruits, one per line.", "apple\npear\nplum", "Apple, pear, plum." });
		rows.add(new String[] { "What is 12 * 12? Show the steps.", "12 * 12\n= 12 * 10 + 12 * 2\n= 120 + 24\n= 144",
				"144" });
		rows.add(new String[] { "Read the notes and answer at the end.\n\n"
				+ "The committee met on a Tuesday and discussed the budget at length. ".repeat(160)
				+ "\n\nQuestion: on which day did the committee meet?", "Tuesday.", "Monday." });
		long study = study(set("poem", rows), Map.of("attentionCheckRate", 0.5, "ratingsPerTask", 2));
		List<String> tokens = this.fixture.invite(study, 2, null);
		String[][] runs = { { tokens.get(0), "en", "(empty response)" }, { tokens.get(1), "zh-CN", "（空回答）" } };
		for (String[] run : runs) {
			try (Browser browser = Browser.open(this.port, "rating-keyboard", run[1])) {
				browser.size(1440, 900);
				browser.get("/r/" + run[0] + "/task");
				long previous = -1;
				boolean sawEmpty = false;
				int linesKept = 0;
				boolean sawLongContext = false;
				for (int task = 1; !browser.findAll("form#answer").isEmpty(); task++) {
					browser.waitUntil("the page's script",
							(b) -> "complete".equals(b.script("return document.readyState;")));
					previous = assignmentOf(browser);
					assertThat(String.valueOf(browser.script("return document.title;"))).contains(String.valueOf(task));
					boolean empty = browser.findAll(".empty-response").stream().anyMatch((p) -> p.isDisplayed());
					if (empty) {
						assertThat(browser.text(".empty-response")).isEqualTo(run[2]);
						sawEmpty = true;
					}
					for (var response : browser.findAll(".response")) {
						String raw = response.findElement(By.cssSelector("pre.raw")).getAttribute("textContent");
						if (raw.contains("\n") && !response.findElements(By.cssSelector(".markdown")).isEmpty()) {
							assertThat(response.findElement(By.cssSelector(".markdown")).getText())
								.as("each line on a line of its own")
								.isEqualTo(raw);
							linesKept++;
						}
					}
					boolean folded = !browser.findAll(".fold-toggle").isEmpty();
					sawLongContext |= folded;
					browser.screenshot(run[1] + "-task-" + task + (empty ? "-empty" : "") + (folded ? "-long" : ""));
					if (task == 1) {
						browser.size(390, 844);
						browser.get("/r/" + run[0] + "/task");
						browser.screenshot(run[1] + "-task-1-phone");
						browser.size(1440, 900);
						browser.get("/r/" + run[0] + "/task");
					}
					browser.keys("1", Keys.ENTER);
					long answered = previous;
					browser.waitUntil("the next page",
							(b) -> b.findAll("form#answer").isEmpty() || assignmentOf(b) != answered);
				}
				assertThat(sawEmpty).isTrue();
				assertThat(linesKept).as("the poem, the list and the equation chain").isGreaterThanOrEqualTo(3);
				assertThat(sawLongContext).as("the long-context item, folded, answered with the keyboard").isTrue();
				browser.screenshot(run[1] + "-done");
				browser.assertNothingRan();
			}
		}
	}

	@Test
	void whereTheStudyAllowsItAnEarlierAnswerIsChangedWithTheKeyboardAndTheCurrentTaskStaysHeld() {
		String token = this.fixture.token(study(shortSet(3), Map.of("allowEdit", true)));
		long first;
		long second;
		try (Browser browser = Browser.open(this.port, "rating-keyboard")) {
			browser.size(1440, 900);
			browser.get("/r/" + token + "/task");
			first = assignmentOf(browser);
			browser.keys("1", Keys.ENTER);
			second = waitForAnotherTask(browser, first);
			browser.find(".secondary-actions a[href$='/judgments']").click();
			browser.waitUntil("the list of earlier answers", (b) -> !b.findAll(".previous-list a").isEmpty());
			assertThat(browser.findAll(".previous-list a")).hasSize(1);
			browser.screenshot("04-previous-answers");
			browser.find(".previous-list a").click();
			browser.waitUntil("the earlier task", (b) -> !b.findAll("form#answer").isEmpty());
			assertThat(assignmentOf(browser)).isEqualTo(first);
			assertThat(browser.find("input[name=choice][value='1']").isSelected()).isTrue();
			browser.screenshot("05-change-answer");
			browser.keys("2", Keys.ENTER);
			browser.waitUntil("the list again", (b) -> !b.findAll("[data-toast]").isEmpty());
			assertThat(browser.text("[data-toast]")).isEqualTo("Your answer was changed.");
			browser.find("a.button.primary[href$='/task']").click();
			browser.waitUntil("the current task", (b) -> !b.findAll("form#answer").isEmpty());
			assertThat(assignmentOf(browser)).as("the task held before, not a new one").isEqualTo(second);
			browser.assertNothingRan();
		}
		boolean leftIsA = this.jdbc.sql("select left_is_a from judgment where assignment_id = ?")
			.param(first)
			.query(Boolean.class)
			.single();
		assertThat(this.jdbc.sql("select winner from judgment where assignment_id = ?")
			.param(first)
			.query(String.class)
			.single()).isEqualTo(leftIsA ? "model_b" : "model_a");
		assertThat(this.jdbc.sql("""
				select e.previous_winner from judgment_edit e join judgment j on j.id = e.judgment_id
				where j.assignment_id = ?""").param(first).query(String.class).list())
			.containsExactly(leftIsA ? "model_a" : "model_b");
	}

	@Test
	void aWarningComesBeforeTheLeaseRunsOut() {
		// A one-minute lease: the warning comes a quarter of it (15 s) before the end.
		String token = this.fixture.token(study(shortSet(1), Map.of("leaseMinutes", 1)));
		try (Browser browser = Browser.open(this.port, "rating-keyboard")) {
			browser.get("/r/" + token + "/task");
			assertThat(browser.find("[data-lease-warning]").isDisplayed()).isFalse();
			long start = System.nanoTime();
			while (!browser.find("[data-lease-warning]").isDisplayed()
					&& System.nanoTime() - start < java.time.Duration.ofSeconds(60).toNanos()) {
				pause();
			}
			long waited = java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds();
			assertThat(waited).isBetween(40L, 50L);
			assertThat(browser.text("[data-lease-warning]"))
				.startsWith("Your time for this task runs out in a few minutes.");
			browser.assertNothingRan();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String shortSet(int items) {
		List<String[]> rows = new ArrayList<>();
		for (int i = 1; i <= items; i++) {
			rows.add(new String[] { "Write a line about the number " + i + ".", "One line " + i, "Another " + i });
		}
		return set("short", rows);
	}

	private String set(String prefix, String prompt, String alpha, String beta) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { prompt, alpha, beta });
		return set(prefix, rows);
	}

	private String set(String prefix, List<String[]> rows) {
		String name = prefix + "-" + SETS.incrementAndGet();
		StringBuilder items = new StringBuilder();
		StringBuilder alpha = new StringBuilder();
		StringBuilder beta = new StringBuilder();
		for (int i = 0; i < rows.size(); i++) {
			items
				.append(JSON.writeValueAsString(
						Map.of("id", "i" + i, "category", "qa", "setting", "zero-shot", "prompt", rows.get(i)[0])))
				.append('\n');
			alpha.append(JSON.writeValueAsString(Map.of("item_id", "i" + i, "output", rows.get(i)[1]))).append('\n');
			beta.append(JSON.writeValueAsString(Map.of("item_id", "i" + i, "output", rows.get(i)[2]))).append('\n');
		}
		assertThat(this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", items.toString()).status())
			.isEqualTo(201);
		assertThat(this.admin.postJsonl("/api/eval-sets/" + name + "/outputs?model=" + name + "-a", alpha.toString())
			.status()).isEqualTo(201);
		assertThat(this.admin.postJsonl("/api/eval-sets/" + name + "/outputs?model=" + name + "-b", beta.toString())
			.status()).isEqualTo(201);
		return name;
	}

	private long study(String set, Map<String, Object> overrides) {
		Map<String, Object> study = new LinkedHashMap<>();
		study.put("evalSet", set);
		study.put("models", List.of(set + "-a", set + "-b"));
		study.put("ratingsPerTask", 1);
		study.put("attentionCheckRate", 0.0);
		study.putAll(overrides);
		return this.fixture.createOpenStudy(set + " study", study);
	}

	private static String activeTag(Browser browser) {
		return String.valueOf(browser.script("return document.activeElement ? document.activeElement.tagName : '';"));
	}

	private static long windowHeight(Browser browser) {
		return ((Number) browser.script("return window.innerHeight;")).longValue();
	}

	private static long waitForAnotherTask(Browser browser, long previous) {
		browser.waitUntil("another task", (b) -> !b.findAll("form#answer").isEmpty() && assignmentOf(b) != previous);
		return assignmentOf(browser);
	}

	private static long assignmentOf(Browser browser) {
		return Long.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
	}

}
