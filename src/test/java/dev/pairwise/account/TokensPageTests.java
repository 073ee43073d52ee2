package dev.pairwise.account;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "API tokens" page through the real app: a viewer makes a token there, sees its
 * secret once (in the answer that made it, never kept in the session), uses it, and
 * revokes it after confirming; a role above their own is refused with the reason.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TokensPageTests {

	private static final Pattern SECRET = Pattern.compile("pw_[A-Za-z0-9_-]{43}");

	private static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Test
	void aViewerMakesAToken_SeesItOnce_UsesItAndRevokesIt() {
		assertThat(WebSession.basicAdmin(this.port)
			.post("/api/accounts", "application/json",
					"{\"username\":\"page-viewer\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")
			.status()).isEqualTo(201);
		WebSession viewer = WebSession.signedIn(this.port, "page-viewer", PASSWORD);
		Page empty = viewer.get("/tokens");
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.body()).contains("No tokens yet.")
			.contains("href=\"/tokens\"")
			.contains("<option value=\"viewer\">viewer</option>")
			.doesNotContain("value=\"researcher\"");

		Page created = viewer.postForm("/tokens", Map.of("name", "nightly", "role", "viewer", "expiresInDays", "7"));
		assertThat(created.status()).isEqualTo(200);
		String shown = created.body();
		Matcher secret = SECRET.matcher(shown);
		assertThat(secret.find()).as("the new token on the page").isTrue();
		String token = secret.group();
		assertThat(shown).contains("Token nightly created. Copy it now: it is not shown again.")
			.containsPattern("<td>nightly</td>\\s*<td>viewer</td>");
		String again = viewer.get("/tokens").body();
		assertThat(again).doesNotContain(token).contains("<td>nightly</td>");
		assertThat(WebSession.bearer(this.port, token).get("/api/studies").status()).isEqualTo(200);

		Matcher revoke = Pattern
			.compile("action=\"(/tokens/(\\d+)/revoke)\"[^>]*data-confirm=\"Revoke token nightly\\?")
			.matcher(again);
		assertThat(revoke.find()).as("a revoke form that asks first").isTrue();
		assertThat(viewer.postForm(revoke.group(1), Map.of()).status()).isEqualTo(302);

		assertThat(WebSession.bearer(this.port, token).get("/api/studies").status()).isEqualTo(401);
		String revoked = viewer.get("/tokens").body();
		assertThat(revoked).contains("<td>revoked</td>").doesNotContain(revoke.group(1));
	}

	@Test
	void aRoleAboveTheAccountsOwnIsRefusedWithTheReason() {
		assertThat(WebSession.basicAdmin(this.port)
			.post("/api/accounts", "application/json",
					"{\"username\":\"page-viewer-2\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")
			.status()).isEqualTo(201);
		WebSession viewer = WebSession.signedIn(this.port, "page-viewer-2", PASSWORD);

		Page refused = viewer.postForm("/tokens", Map.of("name", "too-much", "role", "researcher"));

		assertThat(refused.body()).contains(
				"role: a token&#39;s role is at most your own (&#39;viewer&#39;), so it cannot be &#39;researcher&#39;")
			.contains("No tokens yet.");
	}

}
