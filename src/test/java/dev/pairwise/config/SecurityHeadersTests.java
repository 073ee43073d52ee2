package dev.pairwise.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * Every answer the app gives, page, API, error or redirect, carries the same security
 * headers: a Content-Security-Policy that allows no inline script and no framing,
 * {@code nosniff}, {@code X-Frame-Options: DENY} and a referrer policy that keeps invite
 * tokens (which are in rater URLs) out of Referer headers. And no page needs more than
 * that policy allows: no inline script, no event-handler attribute, no inline style.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityHeadersTests {

	private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)(\\s[^>]*)?>");

	private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	WebSession admin;

	WebSession anonymous;

	Map<String, Page> pages;

	@BeforeEach
	void visitEveryKindOfPage() {
		this.admin = WebSession.signedInAdmin(this.port);
		this.anonymous = WebSession.anonymous(this.port);
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy("headers", Map.of("instructions", "Be **fair**."));
		String token = fixture.token(study);
		String quotaToken = fixture.invite(study, 1, 1).get(0);
		String revokedToken = fixture.token(study);
		long revokedId = this.jdbc.sql("select max(id) from rater where study_id = ?")
			.param(study)
			.query(Long.class)
			.single();
		WebSession basicAdmin = WebSession.basicAdmin(this.port);
		basicAdmin.post("/api/studies/" + study + "/invites/" + revokedId + "/revoke", "application/json", "");
		// The quota of one is used up, so that link shows the page that says so.
		String assignment = this.anonymous.get("/api/rate/" + quotaToken + "/next")
			.body()
			.replaceAll(".*\"assignmentId\":(\\d+).*", "$1");
		this.anonymous.post("/api/rate/" + quotaToken + "/judgments", "application/json",
				"{\"assignmentId\":" + assignment + ",\"choice\":\"tie\"}");
		long evalSet = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'")
			.query(Long.class)
			.single();

		this.pages = new LinkedHashMap<>();
		for (String path : List.of("/", "/studies", "/studies/new", "/studies/" + study,
				"/studies/" + study + "/progress", "/eval-sets", "/eval-sets/" + evalSet, "/models", "/no-such-page",
				"/studies/999999", "/studies/abc")) {
			this.pages.put("admin " + path, this.admin.get(path));
		}
		for (String path : List.of("/login", "/login?error", "/r/" + token, "/r/" + token + "/task",
				"/r/" + quotaToken + "/task", "/r/no-such-token", "/r/" + revokedToken, "/", "/studies")) {
			this.pages.put("anonymous " + path, this.anonymous.get(path));
		}
		this.pages.put("rater page in Chinese",
				WebSession.anonymous(this.port).get("/r/" + token + "/task?lang=zh-CN"));
		this.pages.put("rater api", this.anonymous.get("/api/rate/" + token + "/next"));
		this.pages.put("revoked rater api", this.anonymous.get("/api/rate/" + revokedToken + "/next"));
		this.pages.put("anonymous api", this.anonymous.get("/api/studies"));
		this.pages.put("admin api", basicAdmin.get("/api/studies/" + study + "/progress"));
		this.pages.put("admin api error", basicAdmin.get("/api/studies/999999"));
		this.pages.put("health", this.anonymous.get("/actuator/health"));
		this.pages.put("stylesheet", this.anonymous.get("/css/pairwise.css"));
		this.pages.put("script", this.anonymous.get("/js/rate.js"));
		this.revokedToken = revokedToken;
		this.quotaToken = quotaToken;
		this.token = token;
	}

	String token;

	String quotaToken;

	String revokedToken;

	@Test
	void thePagesVisitedCoverSuccessRedirectAndEveryErrorStatus() {
		Map<String, Integer> statuses = this.pages.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (page) -> page.getValue().status(), (a, b) -> a,
					LinkedHashMap::new));
		assertThat(statuses).containsEntry("admin /", 200)
			.containsEntry("admin /studies/abc", 400)
			.containsEntry("admin /no-such-page", 404)
			.containsEntry("admin /studies/999999", 404)
			.containsEntry("anonymous /", 302)
			.containsEntry("anonymous /r/" + this.token + "/task", 200)
			.containsEntry("anonymous /r/" + this.quotaToken + "/task", 200)
			.containsEntry("anonymous /r/no-such-token", 404)
			.containsEntry("anonymous /r/" + this.revokedToken, 403)
			.containsEntry("revoked rater api", 403)
			.containsEntry("anonymous api", 401)
			.containsEntry("admin api error", 404);
		assertThat(this.pages.get("anonymous /r/" + this.quotaToken + "/task").body())
			.contains("You have reached the number of judgments this study asks of you.");
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		this.pages.forEach((name, page) -> {
			assertThat(page.header("Content-Security-Policy")).as(name)
				.isEqualTo(SecurityConfig.CONTENT_SECURITY_POLICY);
			assertThat(page.header("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
			assertThat(page.header("X-Frame-Options")).as(name).isEqualTo("DENY");
			assertThat(page.header("Referrer-Policy")).as(name).isEqualTo("no-referrer");
		});
	}

	@Test
	void thePolicyAllowsNoInlineScriptNoPluginsNoFramingAndNoForeignTargets() {
		Map<String, List<String>> policy = Arrays.stream(SecurityConfig.CONTENT_SECURITY_POLICY.split(";"))
			.map(String::trim)
			.map((directive) -> List.of(directive.split("\\s+")))
			.collect(Collectors.toMap((directive) -> directive.get(0),
					(directive) -> directive.subList(1, directive.size())));
		assertThat(policy.get("default-src")).containsExactly("'self'");
		assertThat(policy.get("script-src")).containsExactly("'self'");
		assertThat(policy.get("style-src")).containsExactly("'self'");
		assertThat(policy.get("connect-src")).containsExactly("'self'");
		assertThat(policy.get("img-src")).containsExactly("'self'", "data:");
		assertThat(policy.get("object-src")).containsExactly("'none'");
		assertThat(policy.get("base-uri")).containsExactly("'none'");
		assertThat(policy.get("frame-ancestors")).containsExactly("'none'");
		assertThat(policy.get("form-action")).containsExactly("'self'");
	}

	@Test
	void noPageNeedsInlineScriptHandlersStylesOrJavascriptUrls() {
		this.pages.forEach((name, page) -> {
			if (!String.valueOf(page.header("Content-Type")).startsWith("text/html")) {
				return;
			}
			Matcher tags = TAG.matcher(page.body());
			while (tags.find()) {
				String element = tags.group(1).toLowerCase();
				String attributes = (tags.group(2) != null) ? tags.group(2) : "";
				if (element.equals("script")) {
					assertThat(attributes).as(name + ": a script element loads a file").contains("src=\"/js/");
				}
				assertThat(attributes).as(name + ": " + tags.group()).doesNotContainPattern(HANDLER_ATTRIBUTE);
				assertThat(attributes).as(name + ": " + tags.group()).doesNotContain(" style=");
				assertThat(attributes.toLowerCase()).as(name + ": " + tags.group()).doesNotContain("javascript:");
			}
		});
	}

	@Test
	void raterPagesAlsoTellTheBrowserNotToSendReferrers() {
		this.pages.entrySet()
			.stream()
			.filter((page) -> page.getValue().body().contains("class=\"rater\""))
			.forEach((page) -> assertThat(page.getValue().body()).as(page.getKey())
				.contains("<meta name=\"referrer\" content=\"no-referrer\">"));
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() {
		WebSession visitor = WebSession.anonymous(this.port);
		Page login = visitor.get("/login");
		String cookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("JSESSIONID=") || value.startsWith("SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
	}

}
