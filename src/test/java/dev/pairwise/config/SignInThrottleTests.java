package dev.pairwise.config;

import java.util.Map;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing through the real app, by form and by HTTP Basic: after five failures
 * an account is locked for a while even for its right password, and after twenty from one
 * address, that address for every account, each with a message that says so. An app of
 * its own, as the locks are kept in the instance's memory and the tests come from one
 * address.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.application.name=sign-in-throttle")
@ActiveProfiles("test")
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottleTests {

	private static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Test
	@Order(1)
	void fiveWrongPasswordsLockTheAccountForItsRightPasswordToo() {
		create("guessed");
		for (int attempt = 1; attempt <= SignInThrottle.ACCOUNT_FAILURES; attempt++) {
			assertThat(WebSession.basic(this.port, "guessed", "wrong-" + attempt).get("/api/studies").status())
				.isEqualTo(401);
		}

		Page basic = WebSession.basic(this.port, "guessed", PASSWORD).get("/api/studies");
		assertThat(basic.status()).isEqualTo(429);
		assertThat(basic.header("Retry-After")).isEqualTo("30");
		assertThat(basic.body())
			.contains("Too many failed sign-ins for this account or from this address: try again in 30 seconds.");

		WebSession browser = WebSession.anonymous(this.port).fetchCsrfToken();
		Page form = browser.postForm("/login", Map.of("username", "guessed", "password", PASSWORD));
		assertThat(form.status()).isEqualTo(302);
		assertThat(form.location()).endsWith("/login?locked");
		assertThat(browser.get("/login?locked").body()).contains("Too many failed sign-ins");

		assertThat(WebSession.basicAdmin(this.port).get("/api/studies").status()).as("another account").isEqualTo(200);
	}

	@Test
	@Order(2)
	void twentyFailuresFromOneAddressLockThatAddressForEveryAccount() {
		WebSession browser = WebSession.anonymous(this.port).fetchCsrfToken();
		for (int attempt = 1; attempt <= SignInThrottle.ADDRESS_FAILURES; attempt++) {
			Page failed = browser.postForm("/login", Map.of("username", "nobody-" + attempt, "password", "guess"));
			assertThat(failed.location()).endsWith("/login?error");
		}

		assertThat(WebSession.basicAdmin(this.port).get("/api/studies").status()).isEqualTo(429);
	}

	private void create(String username) {
		assertThat(WebSession.basicAdmin(this.port)
			.post("/api/accounts", "application/json",
					"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")
			.status()).isEqualTo(201);
	}

}
