package dev.pairwise.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results page at 390 px, with every section it can have (three models, so the
 * ranking and win matrix; two sources; criteria; disputed tasks with long reasons): its
 * wide tables scroll inside their own boxes and the figure scales down, so the page
 * itself never scrolls sideways, in English and Chinese, with every fold open and with a
 * criterion selected. Screenshots go to target/screenshots/results-phone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class ResultsOnAPhoneInBrowserIT {

	private static final List<String> MODELS = List.of("flan-t5-xxl-instruction-tuned", "t5-xxl-base",
			"palm-62b-instruction-tuned");

	private static final String OVERFLOW = "return document.documentElement.scrollWidth - window.innerWidth;";

	@LocalServerPort
	int port;

	@Test
	void atThreeHundredNinetyPixelsThePageNeverScrollsSideways() {
		long study = studyWithEverySection();
		for (String language : List.of("en-US", "zh-CN")) {
			try (Browser browser = Browser.open(this.port, "results-phone", language)) {
				browser.signIn().size(390, 844);
				for (String query : List.of("", "?criterion=correctness")) {
					browser.get("/studies/" + study + "/results" + query);
					browser.waitUntil("the figure", (b) -> !b.findAll(".figure-svg svg").isEmpty());
					assertThat(browser.findAll("#ranking")).as("the ranking is on the page").hasSize(1);
					assertThat(browser.findAll("#sources")).as("the sources are on the page").hasSize(1);
					assertThat(((Number) browser.script(OVERFLOW)).longValue())
						.as("sideways scroll of the page, " + language + query)
						.isLessThanOrEqualTo(0);
					assertThat(((Number) browser
						.script("return document.querySelector('.figure-svg svg').getBoundingClientRect().right"
								+ " - window.innerWidth;"))
						.doubleValue()).as("the figure fits the window").isLessThanOrEqualTo(0);
					browser.script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });");
					assertThat(((Number) browser.script(OVERFLOW)).longValue())
						.as("sideways scroll with every fold open, " + language + query)
						.isLessThanOrEqualTo(0);
					assertThat(browser.script("""
							return Array.from(document.querySelectorAll('.results table'))
							  .filter(function (t) { return !t.closest('.table-scroll'); })
							  .map(function (t) { return t.outerHTML.substring(0, 80); });"""))
						.as("tables outside a scroll box of their own")
						.isEqualTo(List.of());
				}
				browser.get("/studies/" + study + "/results");
				browser.screenshot("01-top-390x844-" + language);
				browser.script("document.getElementById('ranking').scrollIntoView();");
				browser.screenshot("02-ranking-390x844-" + language);
				browser.script("document.getElementById('disputed').scrollIntoView();");
				browser.screenshot("03-disputed-390x844-" + language);
				browser.size(1440, 900).get("/studies/" + study + "/results?criterion=correctness");
				browser.screenshot("04-criterion-1440x900-" + language);
			}
		}
	}

	private long studyWithEverySection() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		String[] categories = { "planning", "creative-writing-and-poetry", "arithmetic" };
		for (int i = 1; i <= 12; i++) {
			items.put("q" + i, new String[] { categories[i % 3], (i % 2 == 0) ? "zero-shot" : "few-shot" });
		}
		String evalSet = fixture.evalSet("phone", items);
		for (String model : MODELS) {
			Map<String, String> outputs = new LinkedHashMap<>();
			items.keySet().forEach((item) -> outputs.put(item, model + " answers " + item));
			fixture.outputs(evalSet, model, outputs);
		}
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("name", StudyFixture.uniqueName("results-on-a-phone"));
		command.put("evalSet", evalSet);
		command.put("models", MODELS);
		command.put("pairing", "all-pairs");
		command.put("ratingsPerTask", 3);
		command.put("criteria", List.of(Map.of("id", "correctness", "label", "Which response is more correct?"),
				Map.of("id", "helpfulness", "label", "Which response is more helpful?")));
		Response created = admin.postJson("/api/studies", command);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();
		for (String source : List.of("crowd-panel", "gpt-judge-with-a-long-name")) {
			Response imported = fixture.importJsonl(study, source, judgments(source.hashCode()));
			assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		}
		return study;
	}

	private static String judgments(long seed) {
		Random random = new Random(seed);
		String[] winners = { "model_a", "model_a", "model_b", "tie" };
		StringBuilder jsonl = new StringBuilder();
		for (int i = 0; i < 160; i++) {
			int a = random.nextInt(MODELS.size());
			int b = (a + 1 + random.nextInt(MODELS.size() - 1)) % MODELS.size();
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("item_id", "q" + (1 + random.nextInt(12)));
			row.put("model_a", MODELS.get(a));
			row.put("model_b", MODELS.get(b));
			row.put("winner", winners[random.nextInt(winners.length)]);
			row.put("winner_correctness", winners[random.nextInt(winners.length)]);
			row.put("winner_helpfulness", winners[random.nextInt(winners.length)]);
			row.put("judge", "judge-" + (1 + random.nextInt(6)));
			row.put("left", random.nextBoolean() ? "model_a" : "model_b");
			row.put("elapsed_ms", 1000 + random.nextInt(60_000));
			row.put("reason", (random.nextInt(3) == 0)
					? "Response A is more thorough, but its second paragraph repeats the first one almost word for word"
					: "");
			jsonl.append(StudyFixture.line(row));
		}
		return jsonl.toString();
	}

}
