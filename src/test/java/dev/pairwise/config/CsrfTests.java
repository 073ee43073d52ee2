package dev.pairwise.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Cross-site request forgery: with the admin signed in, a form or API post that does not
 * carry the session's CSRF token is refused and changes nothing; every admin form carries
 * the token. Rater pages are exempt by design: their secret is the invite token in the
 * URL, which a forging site does not know.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CsrfTests {

	private static final Pattern POST_FORM = Pattern.compile("<form([^>]*)>(.*?)</form>",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	WebSession admin;

	StudyFixture fixture;

	long study;

	@BeforeEach
	void signIn() {
		this.admin = WebSession.signedInAdmin(this.port);
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
		this.study = this.fixture.createOpenStudy("csrf", Map.of());
	}

	@Test
	void anAdminFormPostWithoutTheTokenIsRefusedAndChangesNothing() {
		Page forged = this.admin.send(this.admin.request("/studies/" + this.study + "/close")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("")));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(state()).isEqualTo("open");

		Page wrongToken = this.admin.send(this.admin.request("/studies/" + this.study + "/close")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + "A".repeat(48))));
		assertThat(wrongToken.status()).isEqualTo(403);
		assertThat(state()).isEqualTo("open");

		Page genuine = this.admin.postForm("/studies/" + this.study + "/close", Map.of());
		assertThat(genuine.status()).isEqualTo(302);
		assertThat(genuine.location()).endsWith("/studies/" + this.study);
		assertThat(state()).isEqualTo("closed");
	}

	@Test
	void aMultipartUploadWithoutTheTokenIsRefusedAndImportsNothing() {
		byte[] items = "{\"id\":\"q1\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n".getBytes();
		WebSession withoutToken = WebSession.signedInAdmin(this.port);
		Page forged = withoutToken.send(withoutToken.request("/eval-sets")
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("--b\r\nContent-Disposition: form-data; name=\"name\""
						+ "\r\n\r\nforged-set\r\n--b\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n1\r\n"
						+ "--b\r\nContent-Disposition: form-data; name=\"items\"; filename=\"items.jsonl\"\r\n\r\n"
						+ new String(items) + "\r\n--b--\r\n")));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(evalSetsNamed("forged-set")).isZero();

		Page genuine = this.admin.postMultipart("/eval-sets", Map.of("name", "genuine-set", "version", "1"), "items",
				"items.jsonl", items);
		assertThat(genuine.status()).isEqualTo(302);
		assertThat(evalSetsNamed("genuine-set")).isOne();
	}

	@Test
	void theApiWithTheAdminsSessionCookieNeedsTheTokenButHttpBasicDoesNot() {
		Page forged = this.admin.postWithoutCsrf("/api/studies/" + this.study + "/close", "application/json", "");
		assertThat(forged.status()).isEqualTo(403);
		assertThat(state()).isEqualTo("open");

		Page basic = WebSession.basicAdmin(this.port)
			.post("/api/studies/" + this.study + "/close", "application/json", "");
		assertThat(basic.status()).isEqualTo(200);
		assertThat(state()).isEqualTo("closed");
	}

	@Test
	void signingInAndOutNeedTheTokenToo() {
		WebSession visitor = WebSession.anonymous(this.port);
		Page forgedLogin = visitor.postWithoutCsrf("/login", "application/x-www-form-urlencoded",
				"username=admin&password=" + HttpTestClient.ADMIN_PASSWORD);
		assertThat(forgedLogin.status()).isEqualTo(403);
		assertThat(visitor.get("/studies").status()).isEqualTo(302);

		Page forgedLogout = this.admin.postWithoutCsrf("/logout", "application/x-www-form-urlencoded", "");
		assertThat(forgedLogout.status()).isEqualTo(403);
		assertThat(this.admin.get("/studies").status()).isEqualTo(200);
	}

	@Test
	void everyAdminFormCarriesTheToken() {
		long evalSet = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'")
			.query(Long.class)
			.single();
		this.fixture.invite(this.study, 1, null);
		Set<String> actions = new TreeSet<>();
		for (String path : List.of("/", "/studies", "/studies/new?evalSetId=" + evalSet, "/studies/" + this.study,
				"/studies/" + this.study + "/progress", "/eval-sets", "/eval-sets/" + evalSet, "/models")) {
			Matcher form = POST_FORM.matcher(this.admin.get(path).body());
			while (form.find()) {
				if (!form.group(1).toLowerCase().contains("method=\"post\"")) {
					continue;
				}
				assertThat(form.group(2)).as(path + ": " + form.group(1)).contains("name=\"_csrf\"");
				Matcher action = ACTION.matcher(form.group(1));
				actions.add(action.find() ? action.group(1).replaceAll("\\d+", "{id}") : path);
			}
		}
		assertThat(actions).contains("/logout", "/studies", "/studies/{id}/close", "/studies/{id}/invites",
				"/studies/{id}/invites/{id}/revoke", "/eval-sets", "/models/outputs");
	}

	@Test
	void raterFormsWorkWithoutATokenBecauseTheLinkIsTheSecret() {
		String token = this.fixture.token(this.study);
		WebSession rater = WebSession.anonymous(this.port);
		String task = rater.get("/r/" + token + "/task").body();
		String assignment = task.replaceAll("(?s).*name=\"assignmentId\" value=\"(\\d+)\".*", "$1");
		Page answered = rater.postWithoutCsrf("/r/" + token + "/task", "application/x-www-form-urlencoded",
				"assignmentId=" + assignment + "&choice=1");
		assertThat(answered.status()).as("the answer is stored and the next task shown at once").isEqualTo(200);
		assertThat(answered.body()).contains("name=\"assignmentId\"")
			.doesNotContain("name=\"assignmentId\" value=\"" + assignment + "\"");
		assertThat(this.jdbc.sql("select count(*) from judgment where assignment_id = ?")
			.param(Long.parseLong(assignment))
			.query(Integer.class)
			.single()).isOne();
	}

	private String state() {
		return this.jdbc.sql("select state from study where id = ?").param(this.study).query(String.class).single();
	}

	private int evalSetsNamed(String name) {
		return this.jdbc.sql("select count(*) from eval_set where name = ?").param(name).query(Integer.class).single();
	}

}
