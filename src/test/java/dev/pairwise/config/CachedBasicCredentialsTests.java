package dev.pairwise.config;

import java.net.http.HttpRequest;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-site request forgery through HTTP Basic credentials a browser keeps once it
 * answered a Basic prompt: the app never raises that prompt in a browser, refuses changes
 * sent with Basic from another site, and takes a study bundle only as JSON (which another
 * site's form cannot send).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CachedBasicCredentialsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	long study;

	@BeforeEach
	void openStudy() {
		this.study = new StudyFixture(HttpTestClient.admin(this.port)).createOpenStudy("cached basic", Map.of());
	}

	@Test
	void aBrowserFollowingAnExportLinkWithoutASessionIsSentToSignInNotPromptedForBasic() {
		WebSession browser = WebSession.anonymous(this.port);
		Page navigation = browser.send(browser.request("/api/studies/" + this.study + "/results.csv")
			.setHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Site", "same-origin")
			.GET());
		assertThat(navigation.status()).isEqualTo(302);
		assertThat(navigation.location()).endsWith("/login");
		assertThat(navigation.headers().firstValue("WWW-Authenticate")).isEmpty();

		Page fetch = browser.send(browser.request("/api/studies/" + this.study + "/progress")
			.header("Sec-Fetch-Mode", "cors")
			.header("Sec-Fetch-Site", "same-origin")
			.GET());
		assertThat(fetch.status()).isEqualTo(401);
		assertThat(fetch.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(fetch.body()).contains("Sign in again");
	}

	@Test
	void aScriptWithoutCredentialsStillGetsTheBasicChallenge() {
		Page script = WebSession.anonymous(this.port).get("/api/studies");
		assertThat(script.status()).isEqualTo(401);
		assertThat(script.header("WWW-Authenticate")).startsWith("Basic realm=\"Pairwise\"");
	}

	@Test
	void aChangeSentWithBasicFromAnotherSiteIsRefusedAndChangesNothing() {
		WebSession cached = WebSession.basicAdmin(this.port);
		String close = "/api/studies/" + this.study + "/close";

		Page foreignOrigin = cached.send(cached.request(close)
			.header("Content-Type", "text/plain")
			.header("Origin", "https://attacker.example")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(foreignOrigin.status()).isEqualTo(403);
		assertThat(foreignOrigin.body()).contains("A change authenticated by HTTP Basic was sent from another site.");
		Page crossSite = cached.send(cached.request(close)
			.header("Content-Type", "text/plain")
			.header("Sec-Fetch-Site", "cross-site")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(crossSite.status()).isEqualTo(403);
		assertThat(state()).isEqualTo("open");

		Page ownOrigin = cached.send(cached.request(close)
			.header("Content-Type", "application/json")
			.header("Origin", "http://localhost:" + this.port)
			.header("Sec-Fetch-Site", "same-origin")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(ownOrigin.status()).isEqualTo(200);
		assertThat(state()).isEqualTo("closed");
	}

	@Test
	void theStudyImportTakesOnlyJson() {
		WebSession admin = WebSession.basicAdmin(this.port);
		String bundle = admin.get("/api/studies/" + this.study + "/export").body();
		int studies = this.jdbc.sql("select count(*) from study").query(Integer.class).single();

		Page plain = admin.post("/api/studies/import", "text/plain", bundle);

		assertThat(plain.status()).isEqualTo(415);
		assertThat(this.jdbc.sql("select count(*) from study").query(Integer.class).single()).isEqualTo(studies);
		assertThat(admin.post("/api/studies/import", "application/json", bundle).status()).isEqualTo(201);
	}

	private String state() {
		return this.jdbc.sql("select state from study where id = ?").param(this.study).query(String.class).single();
	}

}
