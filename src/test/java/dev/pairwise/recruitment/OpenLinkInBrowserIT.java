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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open link in a real browser: the admin chooses the open preset in the study page's
 * form, which hides the platform's fields and says what the link does; then visitors in
 * English and in Chinese consent, rate and end, and a visitor past the limit is turned
 * away, on pages that speak of no platform and no participant id. Every page is
 * photographed at 1440 × 900 and 390 × 844 under target/screenshots/open-link.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class OpenLinkInBrowserIT {

	@LocalServerPort
	int port;

	@Test
	void theAdminSetsUpAnOpenLinkAndVisitorsWalkItWithoutAPlatform() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("open-in-browser"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.0));
		String link;
		try (Browser admin = Browser.open(this.port, "open-link")) {
			admin.size(1440, 900);
			admin.signIn().get("/studies/" + study);
			admin.find("#recruitment details.recruitment-setup summary").click();
			assertThat(admin.find("[data-param-field]").isDisplayed()).isTrue();
			assertThat(admin.find("[data-open-hint]").isDisplayed()).isFalse();
			new Select(admin.find("[data-preset]")).selectByValue("open");
			assertThat(admin.find("[data-param-field]").isDisplayed()).isFalse();
			assertThat(admin.find("[data-extras-field]").isDisplayed()).isFalse();
			assertThat(admin.find("label[for=participantParam]").isDisplayed()).isFalse();
			assertThat(admin.text("[data-open-hint]")).startsWith("Each visitor gets a rater of their own");
			admin.find("#tasks").clear();
			admin.find("#tasks").sendKeys("1");
			admin.find("#max").sendKeys("2");
			admin.find("#code").sendKeys("THANKS");
			admin.script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-form-open-preset-1440x900");
			admin.size(390, 844).script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-form-open-preset-390x844");
			admin.size(1440, 900);
			admin.find("[data-recruitment-form] button[type=submit]").click();
			admin.waitUntil("the link", (b) -> !b.findAll("[data-recruitment-url]").isEmpty());
			admin.assertNothingRan();
			link = admin.find("[data-recruitment-url]").getAttribute("value");
			assertThat(admin.text("#recruitment")).contains("Share this URL as it is");
			admin.script("document.getElementById('recruitment').scrollIntoView();");
			admin.screenshot("00-link-open-1440x900");
		}
		String path = URI.create(link).getPath();

		for (String language : List.of("en-US", "zh-CN")) {
			try (Browser visitor = Browser.open(this.port, "open-link", language)) {
				visitor.size(1440, 900);
				visitor.get(path);
				visitor.waitUntil("the consent page", (b) -> !b.findAll("[data-consent]").isEmpty());
				assertNoPlatform(visitor);
				visitor.assertNothingRan();
				visitor.screenshot("01-consent-1440x900-" + language);
				visitor.size(390, 844).screenshot("01-consent-390x844-" + language);
				visitor.size(1440, 900);
				visitor.find("[data-consent]").click();
				visitor.waitUntil("the welcome page", (b) -> !b.findAll("section.welcome a.button.primary").isEmpty());
				visitor.find("section.welcome a.button.primary").click();
				visitor.waitUntil("the task", (b) -> !b.findAll("form#answer").isEmpty());
				visitor.keys("1");
				visitor.keys(Keys.ENTER);
				visitor.waitUntil("the end page", (b) -> !b.findAll("[data-final='complete']").isEmpty());
				assertThat(visitor.text(".completion-code")).isEqualTo("THANKS");
				assertNoPlatform(visitor);
				visitor.assertNothingRan();
				visitor.screenshot("02-end-1440x900-" + language);
				visitor.size(390, 844).screenshot("02-end-390x844-" + language);
			}
		}
		for (String language : List.of("en-US", "zh-CN")) {
			try (Browser late = Browser.open(this.port, "open-link", language)) {
				late.size(1440, 900).get(path);
				late.waitUntil("the refusal", (b) -> !b.findAll("[data-refused]").isEmpty());
				assertThat(late.find("[data-refused]").getAttribute("data-refused")).isEqualTo("recruit.full.open");
				assertNoPlatform(late);
				late.screenshot("03-full-1440x900-" + language);
				late.size(390, 844).screenshot("03-full-390x844-" + language);
			}
		}
	}

	private static void assertNoPlatform(Browser browser) {
		assertThat(browser.text("main")).doesNotContainIgnoringCase("platform")
			.doesNotContainIgnoringCase("participant id")
			.doesNotContain("平台")
			.doesNotContain("参与者编号");
	}

}
