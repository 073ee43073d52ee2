package dev.pairwise.account;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.config.PairwiseProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and API tokens through the real app: a token stands for its account with at
 * most its role, opens no session, is stored only as its SHA-256, and stops working with
 * the next request once revoked or expired; disabling an account or changing its password
 * ends its sessions and tokens at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccountsAndTokensTests {

	private static final String PASSWORD = "a-long-password-1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger NAMES = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	AccountSessions sessions;

	@Test
	void aTokenStandsForItsAccountWithoutASessionAndIsStoredOnlyAsItsHash() {
		String user = account("researcher");
		String token = token(user, "researcher");

		assertThat(token).startsWith("pw_").hasSize(3 + 43);
		Page studies = WebSession.bearer(this.port, token).get("/api/studies");
		assertThat(studies.status()).isEqualTo(200);
		assertThat(studies.headers().allValues("Set-Cookie")).as("no session for a token").isEmpty();
		assertThat(this.jdbc
			.sql("select token_hash from api_token t join account a on a.id = t.account_id " + "where a.username = ?")
			.param(user)
			.query(String.class)
			.single()).isEqualTo(ApiTokens.hash(token)).doesNotContain(token.substring(3));
		Page listed = WebSession.basic(this.port, user, PASSWORD).get("/api/tokens");
		assertThat(listed.body()).contains("\"name\":\"ci\"").doesNotContain(token).doesNotContain("hash");
	}

	@Test
	void aRevokedTokenIsRefusedOnItsNextRequest() {
		String user = account("researcher");
		String token = token(user, "researcher");
		WebSession script = WebSession.bearer(this.port, token);
		assertThat(script.get("/api/studies").status()).isEqualTo(200);

		long id = json(WebSession.basic(this.port, user, PASSWORD).get("/api/tokens").body()).get(0).get("id").asLong();
		assertThat(WebSession.basic(this.port, user, PASSWORD).delete("/api/tokens/" + id).status()).isEqualTo(204);

		Page refused = script.get("/api/studies");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.body())
			.contains("This API token is unknown, revoked or expired, or its account is disabled.");
	}

	@Test
	void anExpiredTokenIsRefused() {
		String user = account("viewer");
		String token = token(user, "viewer");
		this.jdbc.sql("update api_token set expires_at = ? where token_hash = ?")
			.params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), ApiTokens.hash(token))
			.update();

		assertThat(WebSession.bearer(this.port, token).get("/api/studies").status()).isEqualTo(401);
	}

	@Test
	void aTokensRoleIsAtMostItsAccountsAndAViewersTokenChangesNothing() {
		String viewer = account("viewer");
		Page above = WebSession.basic(this.port, viewer, PASSWORD)
			.post("/api/tokens", "application/json", "{\"name\":\"ci\",\"role\":\"researcher\"}");
		assertThat(above.status()).isEqualTo(403);
		assertThat(above.body()).contains("a token's role is at most your own ('viewer')");

		String token = token(viewer, "viewer");
		assertThat(WebSession.bearer(this.port, token).get("/api/studies").status()).isEqualTo(200);
		assertThat(WebSession.bearer(this.port, token)
			.post("/api/studies", "application/json", "{\"name\":\"not by a viewer\"}")
			.status()).isEqualTo(403);
	}

	@Test
	void disablingAnAccountEndsItsSessionsTokensAndPasswordAtOnce() {
		String user = account("researcher");
		String token = token(user, "researcher");
		WebSession browser = WebSession.signedIn(this.port, user, PASSWORD);
		assertThat(browser.get("/studies").status()).isEqualTo(200);
		long id = this.jdbc.sql("select id from account where username = ?").param(user).query(Long.class).single();

		assertThat(WebSession.basicAdmin(this.port)
			.post("/api/accounts/" + id + "/disable", "application/json", "")
			.status()).isEqualTo(200);

		Page page = browser.get("/studies");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).endsWith("/login");
		assertThat(WebSession.bearer(this.port, token).get("/api/studies").status()).isEqualTo(401);
		assertThat(WebSession.basic(this.port, user, PASSWORD).get("/api/studies").status()).isEqualTo(401);
		assertThat(WebSession.basicAdmin(this.port).get("/api/accounts").body())
			.contains("\"username\":\"" + user + "\"");
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndEndsSessionsAndTokens() {
		String user = account("viewer");
		String token = token(user, "viewer");
		WebSession other = WebSession.signedIn(this.port, user, PASSWORD);
		WebSession browser = WebSession.signedIn(this.port, user, PASSWORD);

		Page wrong = browser.postForm("/password",
				Map.of("currentPassword", "not-the-password", "newPassword", "another-long-password"));
		assertThat(wrong.status()).isEqualTo(200);
		assertThat(wrong.body()).contains("currentPassword: this is not your current password");
		assertThat(other.get("/studies").status()).isEqualTo(200);

		Page changed = browser.postForm("/password",
				Map.of("currentPassword", PASSWORD, "newPassword", "another-long-password"));
		assertThat(changed.status()).isEqualTo(302);
		assertThat(changed.location()).endsWith("/login?passwordChanged");

		assertThat(other.get("/studies").status()).as("another browser's session").isEqualTo(302);
		assertThat(WebSession.bearer(this.port, token).get("/api/studies").status()).isEqualTo(401);
		assertThat(WebSession.basic(this.port, user, PASSWORD).get("/api/studies").status()).isEqualTo(401);
		assertThat(WebSession.basic(this.port, user, "another-long-password").get("/api/studies").status())
			.isEqualTo(200);
	}

	@Test
	void signingOutEverywhereEndsEverySessionOfTheAccountOnly() {
		String user = account("viewer");
		WebSession first = WebSession.signedIn(this.port, user, PASSWORD);
		WebSession second = WebSession.signedIn(this.port, user, PASSWORD);
		WebSession admin = WebSession.signedInAdmin(this.port);

		assertThat(first.postForm("/sign-out-everywhere", Map.of()).status()).isEqualTo(302);

		assertThat(second.get("/studies").status()).isEqualTo(302);
		assertThat(first.get("/studies").status()).isEqualTo(302);
		assertThat(admin.get("/studies").status()).isEqualTo(200);
	}

	@Test
	void aRestartWithANewAdminPasswordEndsTheSessionsOfTheOldOne() throws Exception {
		String owner = "restarted-" + NAMES.incrementAndGet();
		firstOwner(owner, "the-first-password").run(null);
		WebSession browser = WebSession.signedIn(this.port, owner, "the-first-password");
		assertThat(browser.get("/studies").status()).isEqualTo(200);

		firstOwner(owner, "the-second-password").run(null);

		assertThat(browser.get("/studies").status()).isEqualTo(302);
		assertThat(WebSession.basic(this.port, owner, "the-second-password").get("/api/studies").status())
			.isEqualTo(200);
	}

	@Test
	void accountsNeedAValidNameRoleAndPasswordAndAUniqueName() {
		WebSession admin = WebSession.basicAdmin(this.port);
		assertThat(admin
			.post("/api/accounts", "application/json",
					"{\"username\":\"short-password\",\"password\":\"short\",\"role\":\"viewer\"}")
			.body()).contains("password: 12 characters at least and 72 bytes at most");
		assertThat(admin
			.post("/api/accounts", "application/json",
					"{\"username\":\"bad-role\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}")
			.body()).contains("role: must be owner, researcher or viewer");
		Page duplicate = admin.post("/api/accounts", "application/json",
				"{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.body()).contains("An account named 'admin' exists already.");
	}

	private FirstOwner firstOwner(String user, String password) {
		PairwiseProperties properties = new PairwiseProperties(Path.of("."), Path.of("."),
				new PairwiseProperties.Admin(user, password), null);
		return new FirstOwner(this.jdbc, this.encoder, this.sessions, properties);
	}

	private String account(String role) {
		String user = role + "-" + NAMES.incrementAndGet();
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
		return json(created.body()).get("token").asString();
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

}
