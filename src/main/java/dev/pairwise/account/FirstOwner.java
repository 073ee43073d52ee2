package dev.pairwise.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import dev.pairwise.config.PairwiseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The first owner is the admin of the configuration ({@code PAIRWISE_ADMIN_USER}), so
 * that existing installs keep working. Its password comes from
 * {@code PAIRWISE_ADMIN_PASSWORD} when set, and a restart with another one changes it and
 * ends the sessions signed in with the old one; otherwise a random one is generated on
 * the first start, stored as a BCrypt hash, and printed once. There is no default
 * password. It runs under the start-up lock, so that of several instances starting at
 * once only one creates the account.
 */
@Component
@Order(0)
class FirstOwner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstOwner.class);

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final AccountSessions sessions;

	private final PairwiseProperties.Admin settings;

	FirstOwner(JdbcClient jdbc, PasswordEncoder encoder, AccountSessions sessions, PairwiseProperties properties) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.sessions = sessions;
		this.settings = properties.admin();
	}

	@Override
	public void run(ApplicationArguments args) {
		String user = this.settings.user();
		String configured = this.settings.password();
		List<String> stored = this.jdbc.sql("select password_hash from account where username = ?")
			.param(user)
			.query(String.class)
			.list();
		if (configured != null && !configured.isBlank()) {
			if (stored.isEmpty()) {
				insert(user, configured);
			}
			else if (!this.encoder.matches(configured, stored.get(0))) {
				this.jdbc.sql("update account set password_hash = ? where username = ?")
					.params(this.encoder.encode(configured), user)
					.update();
				this.sessions.endAll(user);
				log.info("The password of '{}' changed with PAIRWISE_ADMIN_PASSWORD; its sessions were ended.", user);
			}
		}
		else if (stored.isEmpty()) {
			String generated = generatePassword();
			insert(user, generated);
			log.warn("""

					  Generated admin password for user '{}': {}
					  It is shown only this once. Set PAIRWISE_ADMIN_PASSWORD to choose your own.
					""", user, generated);
		}
	}

	private void insert(String user, String password) {
		this.jdbc.sql("insert into account (username, password_hash, role, created_at) values (?, ?, ?, ?)")
			.params(user, this.encoder.encode(password), Role.OWNER.id(), Timestamp.from(Instant.now()))
			.update();
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
