package dev.pairwise.generation;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.pairwise.testsupport.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's whole path in a real browser: start a run on the generation page against
 * the n-gram endpoint, watch its progress bar move without reloading, see it done, open
 * the selection page with each item's chosen and dropped samples (and every decision as
 * JSON), select again with another rule, create and open a study on the selected outputs
 * (after which selecting again is refused), cancel a second run, and upload a samples
 * file to see what the filter removed. Pages are photographed wide and narrow under
 * target/screenshots/generation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "pairwise.generation.backoff=5ms", "pairwise.generation.concurrency=2" })
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class GenerationInBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminGeneratesInspectsOpensAStudyCancelsAndUploadsThroughThePagesAlone() throws Exception {
		try (OpenAiTestServer server = new OpenAiTestServer(CharNgramModel.trainedOnTheBundledPrompts(), "ngram-3");
				Browser browser = Browser.open(this.port, "generation")) {
			server.delayMillis = 60;
			browser.signIn().get("/generations");
			browser.screenshot("01-generations-empty");
			browser.find("#model").sendKeys("browser-ngram");
			WebElement baseUrl = browser.find("#baseUrl");
			baseUrl.clear();
			baseUrl.sendKeys(server.baseUrl());
			browser.find("#endpointModel").sendKeys("ngram-3");
			WebElement maxTokens = browser.find("#maxTokens");
			maxTokens.clear();
			maxTokens.sendKeys("16");
			new Select(browser.find("#selection")).selectByValue("flan");
			browser.find("form.form-grid button[type=submit]").click();

			browser.waitUntil("the progress bar moves without a reload", (page) -> {
				double value = Double.parseDouble(page.find("[data-run-bar]").getAttribute("value"));
				return value > 0 && value < 190 && page.text("[data-run-state]").equals("running");
			});
			browser.assertNothingRan();
			browser.screenshot("02-running");
			long deadline = System.currentTimeMillis() + 120_000;
			while (!browser.text("[data-run-state]").equals("done") && System.currentTimeMillis() < deadline) {
				Thread.sleep(500);
			}
			assertThat(browser.text("[data-run-state]")).isEqualTo("done");
			assertThat(browser.text("[data-run-count]")).isEqualTo("190 / 190");
			browser.screenshot("03-done");
			browser.size(390, 844).screenshot("03-done-narrow");
			browser.size(1440, 900);

			browser.find("tr[data-run] a").click();
			browser.waitUntil("the selection page", (page) -> page.findAll("article.selection-item").size() == 190);
			assertThat(browser.findAll("tr.chosen")).hasSize(190);
			assertThat(browser.findAll("table.samples-table tbody tr")).hasSize(190 * 5);
			browser.assertNothingRan();
			browser.screenshot("04-selection");
			browser.size(390, 844).screenshot("04-selection-narrow");
			browser.size(1440, 900);

			new Select(browser.find("#rule")).selectByValue("first");
			browser.find("form.inline-form button[type=submit]").click();
			browser.waitUntil("selected again", (page) -> !page.findAll("p.notice").isEmpty());
			assertThat(browser.findAll("article.selection-item tbody tr:first-child.chosen")).hasSize(190);
			String selectionPage = String.valueOf(browser.script("return location.pathname;"));

			String json = browser.find("a[data-selection-json]").getAttribute("href");
			assertThat(json).endsWith("/api/eval-sets/flan-style-190/models/browser-ngram/selection?version=1.0");
			browser.get(json);
			JsonNode decisions = JsonMapper.builder().build().readTree(browser.text("pre"));
			assertThat(decisions).hasSize(190);
			assertThat(decisions.get(0).path("samples")).hasSize(5);

			openAStudyOnTheGeneratedModel(browser, selectionPage.split("/")[2]);
			browser.get(selectionPage);
			new Select(browser.find("#rule")).selectByValue("flan");
			clickInView(browser, "form.inline-form button[type=submit]");
			browser.waitUntil("refused", (page) -> !page.findAll("p.notice.error").isEmpty());
			assertThat(browser.text("p.notice.error")).isEqualTo("model 'browser-ngram' has outputs in use by open"
					+ " studies (on generated samples); close them before its samples or selection change");

			cancelARunFromThePage(browser, server);
			uploadASamplesFileAndSeeWhatTheFilterRemoved(browser);
			browser.get("/samples");
			browser.screenshot("05-samples");
			browser.size(390, 844).screenshot("05-samples-narrow");
		}
	}

	/** Creates and opens a study of the generated model against a demo model. */
	private void openAStudyOnTheGeneratedModel(Browser browser, String evalSetId) {
		browser.get("/studies/new?evalSetId=" + evalSetId);
		browser.find("#name").sendKeys("on generated samples");
		clickInView(browser, "input[name=models][value='browser-ngram']");
		clickInView(browser, "input[name=models][value='instruction-tuned-demo']");
		clickInView(browser, "form.study-form button[type=submit]");
		browser.waitUntil("the new study", (page) -> !page.findAll("form[action$='/open']").isEmpty());
		clickInView(browser, "form[action$='/open'] button");
		browser.waitUntil("the study is open", (page) -> !page.findAll("form[action$='/close']").isEmpty());
		browser.assertNothingRan();
		browser.screenshot("06-study-open");
		assertThat(this.jdbc.sql("""
				select count(*) from task t join study s on s.id = t.study_id join model m on m.id = t.model_a_id
				  or m.id = t.model_b_id
				where s.name = 'on generated samples' and s.state = 'open' and m.name = 'browser-ngram'
				  and t.attention_kind is null""").query(Integer.class).single())
			.as("a task for every item, on the selected outputs")
			.isEqualTo(190);
	}

	private void cancelARunFromThePage(Browser browser, OpenAiTestServer server) {
		server.delayMillis = 400;
		browser.get("/generations");
		browser.find("#model").sendKeys("browser-cancelled");
		WebElement baseUrl = browser.find("#baseUrl");
		baseUrl.clear();
		baseUrl.sendKeys(server.baseUrl());
		browser.find("#endpointModel").sendKeys("ngram-3");
		clickInView(browser, "form.form-grid button[type=submit]");
		browser.waitUntil("the new run", (page) -> page.findAll("tr[data-run]").size() == 2);
		String run = browser.find("tr[data-run]").getAttribute("data-run");
		assertThat(browser.text("tr[data-run='" + run + "'] [data-run-state]")).isIn("queued", "running");
		clickInView(browser, "tr[data-run='" + run + "'] form[action$='/cancel'] button");
		browser.waitUntil("cancelled",
				(page) -> page.find("tr[data-run='" + run + "']").getAttribute("data-state").equals("cancelled"));
		assertThat(browser.text("tr[data-run='" + run + "'] [data-run-state]")).isEqualTo("cancelled");
		assertThat(browser.findAll("tr[data-run='" + run + "'] form[action$='/cancel']")).isEmpty();
		assertThat(this.jdbc.sql("select done from generation_run where id = ? and state = 'cancelled'")
			.param(Long.parseLong(run))
			.query(Integer.class)
			.single()).isLessThan(190);
		browser.screenshot("07-cancelled");
	}

	/**
	 * Uploads a samples file on the samples page: a bad line is refused naming it and
	 * nothing is stored; once fixed, the item's page shows the repetitive sample dropped
	 * above the threshold (median -40, threshold -20) and the one kept.
	 */
	private void uploadASamplesFileAndSeeWhatTheFilterRemoved(Browser browser) throws Exception {
		String samples = """
				{"item_id":"creativity-01","output":"the the the the","logprob":-10,"sample":0}
				{"item_id":"creativity-01","output":"Dough at midnight","logprob":-40,"sample":1}
				{"item_id":"creativity-01","output":"Flour","logprob":-50,"sample":2}
				""";
		Path file = Files.createTempFile("pairwise-samples-", ".jsonl");
		try {
			Files.writeString(file, samples.replace("-40,", "\"high\","));
			browser.get("/samples");
			browser.find("details.panel summary").click();
			upload(browser, file);
			browser.waitUntil("refused", (page) -> !page.findAll("div.notice.error li").isEmpty());
			assertThat(browser.text("div.notice.error li")).isEqualTo(file.getFileName()
					+ ", line 2, field 'logprob': must be a finite number (the sample's total log-probability)");
			assertThat(this.jdbc.sql("select count(*) from sample where model = 'browser-uploaded'")
				.query(Integer.class)
				.single()).isZero();

			Files.writeString(file, samples);
			upload(browser, file);
			browser.waitUntil("imported", (page) -> !page.findAll("p.notice").isEmpty());
			assertThat(browser.text("p.notice")).contains("browser-uploaded: 3 samples for 1 items (0 all dropped).");
			clickInView(browser, "a[href$='/browser-uploaded']");
			browser.waitUntil("the upload's selection", (page) -> page.findAll("article.selection-item").size() == 1);
			assertThat(browser.text("article.selection-item header")).contains("median -40.000, threshold -20.000");
			assertThat(browser.text("tr.dropped")).contains("dropped: above the threshold").contains("the the the the");
			assertThat(browser.text("tr.chosen")).contains("chosen").contains("Dough at midnight");
			browser.assertNothingRan();
			browser.screenshot("08-uploaded-selection");
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static void upload(Browser browser, Path file) {
		WebElement model = browser.find("#model");
		model.clear();
		model.sendKeys("browser-uploaded");
		new Select(browser.find("#selection")).selectByValue("flan");
		browser.find("#samples").sendKeys(file.toAbsolutePath().toString());
		clickInView(browser, "form[action$='/samples'] button[type=submit]");
	}

	private static void clickInView(Browser browser, String css) {
		WebElement element = browser.find(css);
		browser.script("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

}
