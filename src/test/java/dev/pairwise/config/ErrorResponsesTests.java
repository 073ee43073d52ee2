package dev.pairwise.config;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error pages and API errors tell a person what went wrong and nothing about the inside:
 * no stack trace, no SQL, no file path, no class name; and the size limits answer 413
 * with the app's own page or ProblemDetail. A controller that fails the worst way (an
 * exception whose message holds SQL and a path) stands in for any bug.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorResponsesTests {

	/** What must never reach a client; each is in the failing controller's message. */
	private static final List<String> SECRETS = List.of("select password_hash", "/srv/pairwise/secret.db",
			"ErrorResponsesTests", "Exception", "at dev.pairwise", "at org.", ".java:", "jdbc:", "h2");

	@LocalServerPort
	int port;

	WebSession admin;

	WebSession anonymous;

	@BeforeEach
	void sessions() {
		this.admin = WebSession.signedInAdmin(this.port);
		this.anonymous = WebSession.anonymous(this.port);
	}

	@Test
	void anUnexpectedFailureAnswersAPlain500PageWithoutTheInsides() {
		Page page = this.admin.get("/test-only/fail");
		assertThat(page.status()).isEqualTo(500);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("Something went wrong on our side");
		assertNoSecrets(page);
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
	}

	@Test
	void anUnexpectedFailureAnswersJsonWithoutTheInsidesToAnApiClient() {
		Page page = this.admin.get("/test-only/fail", Map.of("Accept", "application/json"));
		assertThat(page.status()).isEqualTo(500);
		assertThat(page.body()).contains("\"status\":500").contains("Internal Server Error");
		assertNoSecrets(page);
	}

	@Test
	void aDatabaseFailureLeaksNoSql() {
		Page html = this.admin.get("/test-only/sql");
		Page json = this.admin.get("/test-only/sql", Map.of("Accept", "application/json"));
		assertThat(html.status()).isEqualTo(500);
		assertThat(json.status()).isEqualTo(500);
		assertNoSecrets(html);
		assertNoSecrets(json);
	}

	@Test
	void notFoundIsTheAppsOwnPageForBrowsersAndProblemDetailForTheApi() {
		Page page = this.admin.get("/no/such/page");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.body()).contains("There is nothing at this address.");
		assertNoSecrets(page);
		Page api = this.admin.get("/api/studies/987654");
		assertThat(api.status()).isEqualTo(404);
		assertThat(api.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.body()).contains("No study with id 987654");
		assertNoSecrets(api);
	}

	@Test
	void aBadRequestFromABrowserGetsThePageThatSaysSo() {
		Page page = this.admin.get("/studies/abc");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("The request could not be understood.");
		assertNoSecrets(page);
	}

	@Test
	void malformedRequestsAnswer400WithoutParserInternals() {
		WebSession basic = WebSession.basicAdmin(this.port);
		Page badJson = basic.post("/api/studies", "application/json", "{\"name\": \"x\", \"models\": [");
		Page wrongType = basic.post("/api/studies", "application/json", "{\"name\": {\"$ne\": 1}}");
		Page badId = basic.get("/api/studies/abc");
		Page badMethod = basic.send(basic.request("/api/studies/1").PUT(HttpRequest.BodyPublishers.ofString("{}")));
		for (Page page : List.of(badJson, wrongType, badId)) {
			assertThat(page.status()).isEqualTo(400);
			assertThat(page.header("Content-Type")).startsWith("application/problem+json");
			assertNoSecrets(page);
			assertThat(page.body()).doesNotContain("tools.jackson").doesNotContain("StudyCommand");
		}
		assertThat(badMethod.status()).isEqualTo(405);
		assertNoSecrets(badMethod);
	}

	@Test
	void aFileBeyondTheParsersLimitsIsRefusedInPlainWords() {
		WebSession basic = WebSession.basicAdmin(this.port);
		String deep = "[".repeat(1500) + "]".repeat(1500);
		Page upload = basic.post("/api/eval-sets?name=deep&version=1", "application/x-ndjson",
				"{\"id\":\"a\",\"exemplars\":" + deep + "}\n");
		assertThat(upload.status()).isEqualTo(400);
		assertThat(upload.body())
			.containsPattern("invalid JSON: document nesting depth \\(\\d+\\) exceeds the maximum allowed \\(\\d+\\)\"")
			.doesNotContain("StreamReadConstraints")
			.doesNotContain("getMaxNestingDepth");
	}

	@Test
	void aRequestTheFirewallRejectsAnswers400WithoutInsides() {
		Page page = this.anonymous.get("/r/..;/studies");
		assertThat(page.status()).isEqualTo(400);
		assertNoSecrets(page);
	}

	@Test
	void anAdminFormUploadOverTheLimitAnswers413WithTheAppsPage() {
		byte[] tooLarge = new byte[3 * 1024 * 1024];
		java.util.Arrays.fill(tooLarge, (byte) 'a');
		Page page = this.admin.postMultipart("/eval-sets", Map.of("name", "too-big", "version", "1"), "items",
				"items.jsonl", tooLarge);
		assertThat(page.status()).isEqualTo(413);
		assertThat(page.body()).contains("The upload is larger than the configured limit");
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
		assertNoSecrets(page);
	}

	@Test
	void anApiUploadOverTheLimitAnswers413ProblemDetail() {
		WebSession basic = WebSession.basicAdmin(this.port);
		byte[] tooLarge = ("{\"id\":\"a\"}\n".repeat(300_000)).getBytes(StandardCharsets.UTF_8);
		Page page = basic.post("/api/eval-sets?name=too-big&version=1", "application/x-ndjson", tooLarge);
		assertThat(page.status()).isEqualTo(413);
		assertThat(page.header("Content-Type")).startsWith("application/problem+json");
		assertThat(page.body()).contains("larger than the upload limit of 2 MB");
	}

	@Test
	void aJsonBodyOverOneMegabyteIsRefusedBeforeItIsParsedEvenWithoutCredentials() {
		String reason = "a".repeat(3 * 1024 * 1024);
		String body = "{\"assignmentId\": 1, \"choice\": \"1\", \"reason\": \"" + reason + "\"}";
		Page declared = this.anonymous.post("/api/rate/no-such-token/judgments", "application/json", body);
		assertThat(declared.status()).isEqualTo(413);
		assertThat(declared.header("Content-Type")).startsWith("application/problem+json");
		assertThat(declared.body()).contains("larger than 1 MB");
		// Without a declared length (chunked), the limit is enforced while reading.
		Page streamed = this.anonymous.send(this.anonymous.request("/api/rate/no-such-token/judgments")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))));
		assertThat(streamed.status()).isEqualTo(413);
		assertThat(streamed.body()).contains("larger than 1 MB");
	}

	@Test
	void aRaterFormOverTheFormLimitAnswers413WithTheAppsPage() {
		String note = "a".repeat(3 * 1024 * 1024);
		Page page = this.anonymous.postForm("/r/no-such-token/flag", Map.of("assignmentId", "1", "note", note));
		assertThat(page.status()).isEqualTo(413);
		assertThat(page.body()).contains("Pairwise").doesNotContain("Apache Tomcat").doesNotContain("HTTP Status");
	}

	private static void assertNoSecrets(Page page) {
		for (String secret : SECRETS) {
			assertThat(page.body()).as("response body").doesNotContainIgnoringCase(secret);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingController {

		@RestController
		static class Failing {

			@GetMapping("/test-only/fail")
			String fail() {
				throw new IllegalStateException(
						"select password_hash from admin_user failed reading /srv/pairwise/secret.db");
			}

			@GetMapping("/test-only/sql")
			String sql() {
				throw new DataIntegrityViolationException(
						"jdbc:h2 select password_hash from admin_user; file /srv/pairwise/secret.db");
			}

		}

	}

}
