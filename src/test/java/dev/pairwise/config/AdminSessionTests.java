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
 * instance behind a load balancer can serve a signed-in admin.
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

	@Test
	void signingInStoresTheSessionInTheDatabaseAndTheCookieOpensTheAdminPages() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> login = http.send(request("/login").GET().build(), HttpResponse.BodyHandlers.ofString());
		String preLogin = sessionCookie(login);
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).isTrue();
		String form = "username=admin&password=admin-secret-for-tests&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(request("/login").header("Cookie", "SESSION=" + preLogin)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		String session = sessionCookie(signedIn);

		assertThat(this.jdbc.sql("select count(*) from spring_session where principal_name = 'admin'")
			.query(Integer.class)
			.single()).isEqualTo(1);
		HttpResponse<String> home = http.send(request("/").header("Cookie", "SESSION=" + session).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(http
			.send(request("/").header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).as("without the cookie").isEqualTo(302);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
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
