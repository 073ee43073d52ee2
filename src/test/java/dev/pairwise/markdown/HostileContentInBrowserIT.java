package dev.pairwise.markdown;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model outputs and prompts are untrusted. A corpus of hostile texts
 * (src/test/resources/hostile/corpus.json: script tags, event handlers, javascript:
 * links, SVG and MathML tricks, broken Markdown, CSS injection, tracking images, frames,
 * very long unbroken lines, right-to-left overrides ...) is loaded as the prompts, the
 * few-shot examples and both models' outputs of a study, and as its name, instructions,
 * rater label, raters' reasons and a reported problem. A rater rates the whole study in
 * Chromium, and the admin opens every page that shows any of it. On every page: no
 * dialog, no window opened, no CSP violation (so nothing even tried), no request to the
 * canary server the texts point at or to any other origin, and the layout holds (no
 * horizontal page scroll, the responses side by side in order, the answer buttons
 * reachable and not covered). The raw-text view shows each text exactly.
 * <p>
 * Controls first prove that each detector can fire: a request reaches the canary, an
 * injected handler is reported as a CSP violation, a dialog is caught.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class HostileContentInBrowserIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The outermost elements that reach past the right edge of the window (their parent
	 * does not), for the failure message.
	 */
	private static final String OVERFLOWING = """
			const width = document.documentElement.clientWidth;
			const past = (e) => e.getBoundingClientRect().right > width + 1;
			return Array.from(document.querySelectorAll('body *'))
			  .filter(e => past(e) && !past(e.parentElement)).slice(0, 5)
			  .map(e => e.parentElement.tagName + '.' + e.parentElement.className + ' > ' + e.tagName + '.'
			    + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
			""";

	private static final String STUDY_NAME = "<img src=x onerror=\"alert('study')\"><script>alert('study')</script>";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpServer canary;

	List<String> canaryHits = Collections.synchronizedList(new ArrayList<>());

	List<String> corpus;

	@BeforeEach
	void canaryAndCorpus() throws IOException {
		this.canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.canary.createContext("/", (exchange) -> {
			this.canaryHits.add(exchange.getRequestURI().toString());
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.canary.start();
		String canaryUrl = "http://127.0.0.1:" + this.canary.getAddress().getPort();
		try (InputStream in = getClass().getResourceAsStream("/hostile/corpus.json")) {
			List<String> texts = new ArrayList<>();
			for (JsonNode entry : JSON.readTree(in)) {
				texts.add(entry.path("text").asString().replace("{canary}", canaryUrl));
			}
			this.corpus = texts;
		}
		assertThat(this.corpus).hasSizeGreaterThanOrEqualTo(20);
	}

	@AfterEach
	void stopCanary() {
		this.canary.stop(0);
	}

	@Test
	void theDetectorsFireWhenSomethingDoesRun() {
		String token = hostileStudy("controls").token();
		try (Browser browser = Browser.open(this.port, "hostile")) {
			browser.get("http://127.0.0.1:" + this.canary.getAddress().getPort() + "/control");
			assertThat(this.canaryHits).containsExactly("/control");

			browser.get("/r/" + token + "/task");
			browser.assertNothingRan();
			browser.script("document.body.insertAdjacentHTML('beforeend',"
					+ " '<img src=\"/favicon.svg\" onload=\"window.__pwned = 1\">');");
			browser.waitUntil("the handler refused", (b) -> !b.probe().get("violations").isEmpty());
			assertThat(browser.script("return window.__pwned === undefined;")).isEqualTo(true);
			browser.script("alert('control');");
			assertThat(browser.probe().get("dialogs")).containsExactly("alert: control");
			browser
				.script("fetch('http://127.0.0.1:" + this.canary.getAddress().getPort() + "/fetch').catch(() => 0);");
			browser.waitUntil("the fetch refused", (b) -> b.probe().get("violations").size() >= 2);
			assertThat(this.canaryHits).containsExactly("/control");
		}
	}

	@Test
	void aRaterRatesAWholeHostileStudyAndNothingRunsOrBreaksTheLayout() {
		HostileStudy study = hostileStudy("rated");
		try (Browser browser = Browser.open(this.port, "hostile")) {
			browser.get("/r/" + study.token());
			checkPage(browser, "welcome");
			assertThat(browser.text(".instructions")).contains("<script>alert('script tag');");
			browser.screenshot("01-welcome");
			browser.find("a.button.primary").click();
			List<Long> seen = new ArrayList<>();
			while (true) {
				browser.waitUntil("a new task or the end", (b) -> !b.findAll(".big-mark").isEmpty()
						|| (!b.findAll("form#answer").isEmpty() && !seen.contains(assignmentOf(b))));
				if (!browser.findAll(".big-mark").isEmpty()) {
					break;
				}
				long assignment = assignmentOf(browser);
				seen.add(assignment);
				checkPage(browser, "task " + seen.size());
				checkTaskLayout(browser);
				if (seen.size() <= 3 || seen.size() % 8 == 0) {
					browser.screenshot(String.format("02-task-%02d", seen.size()));
				}
				checkRawText(browser, assignment);
				browser.keys(String.valueOf(1 + seen.size() % 4));
				browser.keys(Keys.ENTER);
			}
			assertThat(seen).hasSize(study.tasks());
			checkPage(browser, "done");
			browser.screenshot("03-done");
		}
		assertThat(this.canaryHits).as("requests that reached the canary").isEmpty();
		assertThat(this.jdbc.sql("select count(*) from judgment where study_id = ? and source = 'raters'")
			.param(study.id())
			.query(Integer.class)
			.single()).as("every task by the browser's rater, all but the reported one by the other")
			.isEqualTo(study.tasks() + study.tasks() - 1);
	}

	@Test
	void theAdminPagesShowingHostileTextRunNothingAndHoldTheirLayout() {
		HostileStudy study = hostileStudy("admin");
		try (Browser browser = Browser.open(this.port, "hostile")) {
			browser.signIn();
			String[][] pages = { { "/eval-sets/" + study.evalSet(), "10-items" },
					{ "/eval-sets/" + study.evalSet() + "?page=2", "11-items-page-2" },
					{ "/studies/" + study.id(), "12-study" }, { "/studies/" + study.id() + "/progress", "13-progress" },
					{ "/studies/" + study.id() + "/results", "14-results" }, { "/studies", "15-studies" },
					{ "/", "16-home" }, { "/models", "17-models" } };
			for (String[] page : pages) {
				browser.get(page[0]);
				for (WebElement details : browser.findAll("details")) {
					if (details.getAttribute("open") == null && details.isDisplayed()) {
						details.findElement(org.openqa.selenium.By.tagName("summary")).click();
					}
				}
				checkPage(browser, page[0]);
				browser.screenshot(page[1]);
			}
			browser.get("/studies/" + study.id() + "/progress");
			assertThat(browser.text("main")).contains("<script>alert('note')</script>");
			browser.get("/studies/" + study.id());
			assertThat(browser.text("h1")).isEqualTo(STUDY_NAME);
		}
		assertThat(this.canaryHits).as("requests that reached the canary").isEmpty();
	}

	/** No script ran, nothing left the page, the page is not wider than the window. */
	private static void checkPage(Browser browser, String page) {
		browser.assertNothingRan();
		Object overflow = browser
			.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).as(page + ": horizontal overflow in pixels, from " + browser.script(OVERFLOWING))
			.isEqualTo(0L);
		assertThat(browser.script("const s = getComputedStyle(document.body);"
				+ " return s.display !== 'none' && s.visibility === 'visible';"))
			.as(page + ": the body is shown")
			.isEqualTo(true);
		@SuppressWarnings("unchecked")
		List<String> hrefs = (List<String>) browser
			.script("return Array.from(document.querySelectorAll('.markdown a[href]')).map(a => a.href);");
		assertThat(hrefs).as(page + ": links")
			.allMatch(
					(href) -> href.startsWith("http://") || href.startsWith("https://") || href.startsWith("mailto:"));
		assertThat(browser.script("return document.querySelectorAll('.markdown :is(iframe, object, embed, img, svg,"
				+ " math, style, link, meta, base, form, input, button, script), pre.raw *').length;"))
			.as(page + ": foreign elements")
			.isEqualTo(0L);
	}

	/**
	 * The two responses side by side and in order within the window, and the answer
	 * controls reachable and not covered by anything.
	 */
	private static void checkTaskLayout(Browser browser) {
		long width = (Long) browser.script("return document.documentElement.clientWidth;");
		Rectangle left = browser.find(".response[data-side='1']").getRect();
		Rectangle right = browser.find(".response[data-side='2']").getRect();
		assertThat(left.getX()).isGreaterThanOrEqualTo(0);
		assertThat(left.getX() + left.getWidth()).isLessThanOrEqualTo(right.getX());
		assertThat(right.getX() + right.getWidth()).isLessThanOrEqualTo((int) width);
		assertThat(left.getY()).isEqualTo(right.getY());
		assertThat(browser.find(".response[data-side='1'] .response-name").getRect().getX())
			.isLessThan(browser.find(".response[data-side='2'] .response-name").getRect().getX());
		for (String control : List.of("button[data-submit]", "label.choice", ".fail-mark")) {
			Object hit = browser.script("const e = document.querySelector(arguments[0]);"
					+ " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
					+ " const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
					+ " return at !== null && (at === e || e.contains(at));", control);
			assertThat(hit).as(control + " is on top where it is drawn").isEqualTo(true);
		}
		browser.script("window.scrollTo(0, 0);");
	}

	/** The raw-text view of each side shows exactly the stored text, and runs nothing. */
	private void checkRawText(Browser browser, long assignment) {
		Map<String, Object> texts = this.jdbc.sql("""
				select case when a.left_is_a then oa.text else ob.text end as left_text,
				  case when a.left_is_a then ob.text else oa.text end as right_text
				from assignment a join task t on t.id = a.task_id
				join output oa on oa.item_id = t.item_id and oa.model_id = t.model_a_id
				join output ob on ob.item_id = t.item_id and ob.model_id = t.model_b_id
				where a.id = ?""").param(assignment).query().singleRow();
		for (String side : List.of("1", "2")) {
			browser.find(".response[data-side='" + side + "'] [data-raw-toggle]").click();
			String raw = browser.find(".response[data-side='" + side + "'] pre.raw").getAttribute("textContent");
			// HTML turns every carriage return into a line feed when it parses a page, so
			// a
			// lone CR cannot survive into any page's text.
			String stored = ((String) texts.get(side.equals("1") ? "LEFT_TEXT" : "RIGHT_TEXT")).replace("\r\n", "\n")
				.replace('\r', '\n');
			assertThat(raw).isEqualTo(stored);
		}
		browser.assertNothingRan();
	}

	/**
	 * An eval set whose prompts, examples and outputs are the corpus; a study of it
	 * named, described and labelled with hostile text; one rater's judgments with hostile
	 * reasons and a hostile report, so that the admin pages show them too.
	 */
	private HostileStudy hostileStudy(String suffix) {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		String set = "hostile-" + suffix;
		StringBuilder items = new StringBuilder();
		StringBuilder outputsA = new StringBuilder();
		StringBuilder outputsB = new StringBuilder();
		int count = this.corpus.size();
		for (int i = 0; i < count; i++) {
			ObjectNode item = JSON.createObjectNode();
			item.put("id", String.format("h%02d", i));
			item.put("category", "hostile");
			item.put("setting", (i % 9 == 0) ? "few-shot" : "zero-shot");
			item.put("prompt", this.corpus.get(i));
			if (i % 9 == 0) {
				ArrayNode exemplars = item.putArray("exemplars");
				exemplars.addObject()
					.put("input", this.corpus.get((i + 3) % count))
					.put("output", this.corpus.get((i + 4) % count));
			}
			items.append(item).append('\n');
			outputsA
				.append(JSON.createObjectNode()
					.put("item_id", item.path("id").asString())
					.put("output", this.corpus.get((i + 1) % count)))
				.append('\n');
			outputsB
				.append(JSON.createObjectNode()
					.put("item_id", item.path("id").asString())
					.put("output", this.corpus.get((i + 2) % count)))
				.append('\n');
		}
		assertThat(admin.postJsonl("/api/eval-sets?name=" + set + "&version=1", items.toString()).status())
			.isEqualTo(201);
		assertThat(
				admin.postJsonl("/api/eval-sets/" + set + "/outputs?model=" + set + "-a", outputsA.toString()).status())
			.isEqualTo(201);
		assertThat(
				admin.postJsonl("/api/eval-sets/" + set + "/outputs?model=" + set + "-b", outputsB.toString()).status())
			.isEqualTo(201);
		String instructions = String.join("\n\n", this.corpus.subList(0, 8));
		Response created = admin.postJson("/api/studies", Map.of("name", STUDY_NAME, "evalSet", set, "models",
				List.of(set + "-a", set + "-b"), "ratingsPerTask", 2, "instructions", instructions));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().path("id").asLong();
		admin.post("/api/studies/" + id + "/open", "application/json", "");
		String label = "<script>alert('label')</script>";
		List<String> tokens = new ArrayList<>();
		for (JsonNode invite : admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 2, "label", label))
			.json()) {
			String url = invite.path("url").asString();
			tokens.add(url.substring(url.lastIndexOf('/') + 1));
		}
		// The second rater answers everything through the API, with hostile reasons,
		// after reporting one task.
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		boolean reported = false;
		for (int n = 0; n < count + 1; n++) {
			Response next = rater.get("/api/rate/" + tokens.get(1) + "/next");
			if (next.status() == 204) {
				break;
			}
			long assignment = next.json().path("assignmentId").asLong();
			if (!reported) {
				rater.postJson("/api/rate/" + tokens.get(1) + "/flag",
						Map.of("assignmentId", assignment, "note", "<script>alert('note')</script>"));
				reported = true;
				continue;
			}
			String reason = this.corpus.get(n % count);
			Response judged = rater.postJson("/api/rate/" + tokens.get(1) + "/judgments",
					Map.of("assignmentId", assignment, "choice", (n % 2 == 0) ? "1" : "2", "reason",
							(reason.length() > 4000) ? reason.substring(0, 4000) : reason));
			assertThat(judged.status()).as(judged.body()).isEqualTo(201);
		}
		long evalSet = this.jdbc.sql("select id from eval_set where name = ?").param(set).query(Long.class).single();
		return new HostileStudy(id, evalSet, tokens.get(0), count);
	}

	private static long assignmentOf(Browser browser) {
		return Long.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
	}

	record HostileStudy(long id, long evalSet, String token, int tasks) {
	}

}
