package dev.pairwise.generation;

import dev.pairwise.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's whole path in a real browser: start a run on the generation page against
 * the n-gram endpoint, watch its progress bar move without reloading, see it done, open
 * the selection page with each item's chosen and dropped samples, and select again with
 * another rule. Pages are photographed wide and narrow under
 * target/screenshots/generation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "pairwise.generation.backoff=5ms", "pairwise.generation.concurrency=2" })
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class GenerationInBrowserIT {

	@LocalServerPort
	int port;

	@Test
	void anAdminGeneratesWatchesAndInspectsTheSelectionThroughThePagesAlone() throws Exception {
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
			browser.get("/samples");
			browser.screenshot("05-samples");
			browser.size(390, 844).screenshot("05-samples-narrow");
		}
	}

}
