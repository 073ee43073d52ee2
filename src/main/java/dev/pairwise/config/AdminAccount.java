package dev.pairwise.config;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The one admin account. Its password comes from {@code PAIRWISE_ADMIN_PASSWORD} when set
 * (and is updated when that changes); otherwise a random one is generated on the first
 * start, stored as a BCrypt hash, and printed once. There is no default password. It runs
 * under the {@link StartupLock}, so that of several instances starting at once only one
 * creates the account.
 */
@Component
@Order(0)
class AdminAccount implements UserDetailsService, ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final PairwiseProperties.Admin settings;

	AdminAccount(JdbcClient jdbc, PasswordEncoder encoder, PairwiseProperties properties) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.settings = properties.admin();
	}

	@Override
	public void run(ApplicationArguments args) {
		String user = this.settings.user();
		String configured = this.settings.password();
		List<String> stored = this.jdbc.sql("select password_hash from admin_user where username = ?")
			.param(user)
			.query(String.class)
			.list();
		if (configured != null && !configured.isBlank()) {
			if (stored.isEmpty()) {
				insert(user, configured);
			}
			else if (!this.encoder.matches(configured, stored.get(0))) {
				this.jdbc.sql("update admin_user set password_hash = ? where username = ?")
					.params(this.encoder.encode(configured), user)
					.update();
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

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("select username, password_hash from admin_user where username = ?")
			.param(username)
			.query((rs, row) -> User.withUsername(rs.getString("username"))
				.password(rs.getString("password_hash"))
				.authorities(AuthorityUtils.createAuthorityList("ROLE_ADMIN"))
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	private void insert(String user, String password) {
		this.jdbc.sql("insert into admin_user (username, password_hash, created_at) values (?, ?, ?)")
			.params(user, this.encoder.encode(password), Timestamp.from(Instant.now()))
			.update();
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
