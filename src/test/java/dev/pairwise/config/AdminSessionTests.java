package dev.pairwise.config;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin sessions live in the database (Spring Session JDBC), not in the instance, so any
 * instance behind a load balancer can serve a signed-in admin; what the pages keep in the
 * session between a form and the page after it must survive that store.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminSessionTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION_COOKIE = Pattern.compile("SESSION=([^;]+)");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void signingInStoresTheSessionInTheDatabaseAndTheCookieOpensTheAdminPages() throws Exception {
		int before = count("select count(*) from spring_session where principal_name = 'admin'");
		String session = signIn();

		assertThat(count("select count(*) from spring_session where principal_name = 'admin'")).isEqualTo(before + 1);
		assertThat(get("/", session).statusCode()).isEqualTo(200);
		assertThat(this.http
			.send(request("/").header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).as("without the cookie").isEqualTo(302);
	}

	@Test
	void aStudyCreatedThroughTheFormIsAnnouncedOnThePageAfterTheRedirect() throws Exception {
		String session = signIn();
		long evalSet = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'")
			.query(Long.class)
			.single();
		String csrf = csrf(get("/studies/new?evalSetId=" + evalSet, session).body());
		String form = "name=Form+study&evalSetId=" + evalSet
				+ "&models=instruction-tuned-demo&models=base-demo&focal=instruction-tuned-demo&pairing=all-pairs"
				+ "&ratingsPerTask=3&scale=preference&attentionCheckPercent=0&leaseMinutes=20&_csrf="
				+ URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		HttpResponse<String> created = this.http.send(request("/studies").header("Cookie", "SESSION=" + session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);

		HttpResponse<String> page = get(created.headers().firstValue("Location").orElseThrow(), session);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Study created with 190 tasks and 0 attention checks.");
	}

	private String signIn() throws Exception {
		HttpResponse<String> login = this.http.send(request("/login").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		String form = "username=admin&password=admin-secret-for-tests&_csrf="
				+ URLEncoder.encode(csrf(login.body()), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = this.http
			.send(request("/login").header("Cookie", "SESSION=" + sessionCookie(login))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return sessionCookie(signedIn);
	}

	private HttpResponse<String> get(String path, String session) throws Exception {
		String url = path.startsWith("http") ? path : "http://localhost:" + this.port + path;
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "SESSION=" + session).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private static String csrf(String page) {
		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).as("a CSRF token in the page").isTrue();
		return csrf.group(1);
	}

	private static String sessionCookie(HttpResponse<?> response) {
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			Matcher session = SESSION_COOKIE.matcher(cookie);
			if (session.lookingAt()) {
				return session.group(1);
			}
		}
		throw new AssertionError("no SESSION cookie in " + response.headers().allValues("Set-Cookie"));
	}

}
