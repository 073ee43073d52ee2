package dev.pairwise.config;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script whose HTTP client keeps cookies (as most do) and that once fetched an HTML
 * page: the API never opens a session for it, its Basic or Bearer calls work without a
 * CSRF token whatever cookie it holds, and a 403 from the API says why in its body.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiClientWithCookieJarTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "a-long-password-1";

	private static final String ITEMS = "{\"id\":\"q1\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n";

	@LocalServerPort
	int port;

	@Test
	void aScriptWithBasicKeepsNoSessionAndItsPostsWorkAfterItFetchedAPage() throws Exception {
		CookieJarClient script = new CookieJarClient(basic("admin", HttpTestClient.ADMIN_PASSWORD));

		assertThat(script.get("/eval-sets").statusCode()).isEqualTo(200);
		assertThat(script.cookieNames()).as("the page opened a session").isNotEmpty();
		HttpResponse<String> listed = script.get("/api/studies");
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.headers().allValues("Set-Cookie")).as("an API answer opens no session").isEmpty();

		HttpResponse<String> uploaded = script.post("/api/eval-sets?name=" + uniqueSet() + "&version=1",
				"application/x-ndjson", ITEMS);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		assertThat(uploaded.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void aScriptWithATokenKeepsNoSessionAndItsPostsWorkAfterItFetchedAPage() throws Exception {
		String user = account("researcher");
		CookieJarClient script = new CookieJarClient("Bearer " + token(user, "researcher"));

		assertThat(script.get("/studies").statusCode()).isEqualTo(200);
		assertThat(script.cookieNames()).as("the page opened a session").isNotEmpty();
		assertThat(script.get("/api/eval-sets").headers().allValues("Set-Cookie")).isEmpty();

		HttpResponse<String> uploaded = script.post("/api/eval-sets?name=" + uniqueSet() + "&version=1",
				"application/x-ndjson", ITEMS);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		assertThat(uploaded.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void noApiAnswerOpensASessionNotEvenARefusal() throws Exception {
		CookieJarClient anonymous = new CookieJarClient(null);
		HttpResponse<String> refused = anonymous.get("/api/studies");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
		HttpResponse<String> refusedPost = anonymous.post("/api/studies", "application/json", "{}");
		assertThat(refusedPost.statusCode()).isEqualTo(401);
		assertThat(refusedPost.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void aSignedInBrowserPostingToTheApiWithoutItsCsrfTokenIsToldWhy() {
		WebSession browser = WebSession.signedInAdmin(this.port);
		Page refused = browser.postWithoutCsrf("/api/studies", "application/json", "{\"name\":\"no token\"}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(JSON.readTree(refused.body()).get("detail").asString())
			.isEqualTo("This request carries a session cookie but no valid CSRF token. A page of the app sends its "
					+ "token in the X-CSRF-TOKEN header; a script should call the API with an API token "
					+ "(Authorization: Bearer …) or HTTP Basic.");
	}

	@Test
	void aViewersTokenRefusedAChangeIsToldWhy() throws Exception {
		String viewer = account("viewer");
		CookieJarClient script = new CookieJarClient("Bearer " + token(viewer, "viewer"));
		HttpResponse<String> refused = script.post("/api/studies", "application/json", "{\"name\":\"x\"}");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(refused.body()).get("detail").asString())
			.isEqualTo("Your role ('viewer') may not do this. Viewers read; researchers also change eval sets, "
					+ "outputs and studies; owners also manage accounts and read the audit log.");
		assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void aBasicChangeFromAnotherSiteIsStillRefusedWithASessionCookieInTheJar() throws Exception {
		long study = new StudyFixture(HttpTestClient.admin(this.port)).createOpenStudy("cookie jar",
				java.util.Map.of());
		CookieJarClient cached = new CookieJarClient(basic("admin", HttpTestClient.ADMIN_PASSWORD));
		assertThat(cached.get("/studies").statusCode()).isEqualTo(200);

		HttpResponse<String> forged = cached.send(cached.request("/api/studies/" + study + "/close")
			.header("Content-Type", "text/plain")
			.header("Origin", "https://attacker.example")
			.POST(BodyPublishers.ofString("")));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("sent from another site");
		assertThat(WebSession.basicAdmin(this.port).get("/api/studies/" + study).body()).contains("\"state\":\"OPEN\"");
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String uniqueSet() {
		return StudyFixture.uniqueName("jar").replaceAll("[^A-Za-z0-9]+", "-");
	}

	private String account(String role) {
		String user = StudyFixture.uniqueName("cookie-jar-" + role).replaceAll("[^A-Za-z0-9]+", "-");
		Page created = WebSession.basicAdmin(this.port)
			.post("/api/accounts", "application/json",
					"{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return user;
	}

	private String token(String user, String role) {
		Page created = WebSession.basic(this.port, user, PASSWORD)
			.post("/api/tokens", "application/json", "{\"name\":\"ci\",\"role\":\"" + role + "\",\"expiresInDays\":7}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("token").asString();
	}

	/**
	 * java.net.http with a cookie jar, sending the same Authorization header each time.
	 */
	private final class CookieJarClient {

		private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String authorization;

		CookieJarClient(String authorization) {
			this.authorization = authorization;
		}

		HttpRequest.Builder request(String path) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + ApiClientWithCookieJarTests.this.port + path));
			return (this.authorization != null) ? request.header("Authorization", this.authorization) : request;
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return send(request(path).GET());
		}

		HttpResponse<String> post(String path, String contentType, String body)
				throws IOException, InterruptedException {
			return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
		}

		HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			return this.client.send(request.build(), BodyHandlers.ofString());
		}

		List<String> cookieNames() {
			return this.cookies.getCookieStore().getCookies().stream().map((cookie) -> cookie.getName()).toList();
		}

	}

}
