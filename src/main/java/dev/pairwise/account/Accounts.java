package dev.pairwise.account;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin-side accounts: who may sign in, with which role, and the changes an owner or
 * the account itself makes. A change that takes access away (disabling, a new password)
 * ends the account's sessions and tokens in the same call.
 */
@Component
class Accounts implements UserDetailsService {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

	/** BCrypt reads at most 72 bytes; a longer password would be silently cut. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private static final int MIN_PASSWORD_LENGTH = 12;

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final AccountSessions sessions;

	private final ApiTokens tokens;

	Accounts(JdbcClient jdbc, PasswordEncoder encoder, AccountSessions sessions, ApiTokens tokens) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.sessions = sessions;
		this.tokens = tokens;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("select username, password_hash, role, disabled_at from account where username = ?")
			.param(username)
			.query((rs, row) -> User.withUsername(rs.getString("username"))
				.password(rs.getString("password_hash"))
				.disabled(rs.getTimestamp("disabled_at") != null)
				.authorities(Role.of(rs.getString("role")).orElseThrow().authorities())
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	List<Account> list() {
		return this.jdbc.sql("select id, username, role, created_at, disabled_at from account order by username")
			.query(Accounts::account)
			.list();
	}

	Optional<Account> byUsername(String username) {
		return this.jdbc.sql("select id, username, role, created_at, disabled_at from account where username = ?")
			.param(username)
			.query(Accounts::account)
			.optional();
	}

	@Transactional
	long create(String username, String password, String role) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw badRequest(
					"username: 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
		}
		Role parsed = Role.of(role).orElseThrow(() -> badRequest("role: must be " + Role.spelled()));
		checkNewPassword("password", password);
		if (byUsername(username).isPresent()) {
			throw new AccountChangeRefused(HttpStatus.CONFLICT, "An account named '" + username + "' exists already.");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into account (username, password_hash, role, created_at) values (?, ?, ?, ?)")
			.params(username, this.encoder.encode(password), parsed.id(), Timestamp.from(Instant.now()))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/** Disables an account and, at once, its sessions and tokens. */
	@Transactional
	void disable(long id, String byUsername) {
		Account account = this.jdbc
			.sql("select id, username, role, created_at, disabled_at from account where id = ? for update")
			.param(id)
			.query(Accounts::account)
			.optional()
			.orElseThrow(() -> new AccountChangeRefused(HttpStatus.NOT_FOUND, "No account with id " + id + "."));
		if (account.username().equals(byUsername)) {
			throw new AccountChangeRefused(HttpStatus.CONFLICT,
					"You cannot disable your own account; another owner can.");
		}
		if (account.disabledAt() == null) {
			this.jdbc.sql("update account set disabled_at = ? where id = ?")
				.params(Timestamp.from(Instant.now()), id)
				.update();
		}
		this.tokens.revokeAll(id);
		this.sessions.endAll(account.username());
	}

	/**
	 * Changes the caller's own password, given the current one, and ends every session
	 * and token of the account, this one's too.
	 */
	@Transactional
	void changePassword(String username, String current, String next) {
		String hash = this.jdbc.sql("select password_hash from account where username = ?")
			.param(username)
			.query(String.class)
			.single();
		if (current == null || !this.encoder.matches(current, hash)) {
			throw badRequest("currentPassword: this is not your current password");
		}
		checkNewPassword("newPassword", next);
		this.jdbc.sql("update account set password_hash = ? where username = ?")
			.params(this.encoder.encode(next), username)
			.update();
		this.tokens.revokeAll(byUsername(username).orElseThrow().id());
		this.sessions.endAll(username);
	}

	/** Ends every session of the account, on every instance; its tokens stay. */
	void signOutEverywhere(String username) {
		this.sessions.endAll(username);
	}

	private static void checkNewPassword(String field, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH
				|| password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw badRequest(field + ": " + MIN_PASSWORD_LENGTH + " characters at least and " + MAX_PASSWORD_BYTES
					+ " bytes at most");
		}
	}

	private static AccountChangeRefused badRequest(String message) {
		return new AccountChangeRefused(HttpStatus.BAD_REQUEST, message);
	}

	private static Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp disabled = rs.getTimestamp("disabled_at");
		return new Account(rs.getLong("id"), rs.getString("username"), Role.of(rs.getString("role")).orElseThrow(),
				rs.getTimestamp("created_at").toInstant(), (disabled != null) ? disabled.toInstant() : null);
	}

	record Account(long id, String username, Role role, Instant createdAt, Instant disabledAt) {

		public boolean disabled() {
			return this.disabledAt != null;
		}

		public String roleId() {
			return this.role.id();
		}

	}

}
