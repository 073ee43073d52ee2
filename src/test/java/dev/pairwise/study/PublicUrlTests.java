package dev.pairwise.study;

import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code pairwise.public-url} set, every absolute URL the app hands out starts with
 * it, whatever host the request named.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "pairwise.public-url=https://rate.example.org/")
@ActiveProfiles("test")
class PublicUrlTests {

	@LocalServerPort
	int port;

	@Test
	void inviteLinksAndTheDemoLinkUseTheConfiguredPublicUrl() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		long study = new StudyFixture(admin).createOpenStudy("public url", Map.of());
		Response invites = admin.postJson("/api/studies/" + study + "/invites", Map.of("count", 1));

		assertThat(invites.json().path(0).path("url").asString()).startsWith("https://rate.example.org/r/");
		assertThat(admin.get("/").body()).contains("https://rate.example.org/join/")
			.doesNotContain("http://localhost:" + this.port + "/join/");
	}

}
