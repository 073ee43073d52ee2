package dev.pairwise.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.pairwise.config.ApiTokenVerifier;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * API tokens for scripts: 256 bits from {@link SecureRandom}, shown once, stored only as
 * their SHA-256, and checked against the database on every request, so that revoking one,
 * its expiry or disabling its account takes effect with the next request.
 */
@Component
class ApiTokens implements ApiTokenVerifier {

	private static final String PREFIX = "pw_";

	private static final int MAX_DAYS = 365;

	private static final int DEFAULT_DAYS = 90;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	ApiTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Authentication> verify(String token) {
		return this.jdbc.sql("""
				select a.username, t.name, t.role from api_token t join account a on a.id = t.account_id
				where t.token_hash = ? and t.revoked_at is null and t.expires_at > ? and a.disabled_at is null""")
			.params(hash(token), Timestamp.from(Instant.now()))
			.query((rs, row) -> authenticated(rs.getString("username"), rs.getString("name"),
					Role.of(rs.getString("role")).orElseThrow()))
			.optional();
	}

	/**
	 * Creates a token of the account's for a role at most its own; the secret is in the
	 * answer only.
	 */
	NewToken create(Accounts.Account account, String name, String role, Integer expiresInDays) {
		if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
			throw new AccountChangeRefused(HttpStatus.BAD_REQUEST,
					"name: 1 to 100 characters without control characters");
		}
		Role parsed = Role.of(role)
			.orElseThrow(() -> new AccountChangeRefused(HttpStatus.BAD_REQUEST, "role: must be " + Role.spelled()));
		if (!account.role().includes(parsed)) {
			throw new AccountChangeRefused(HttpStatus.FORBIDDEN, "role: a token's role is at most your own ('"
					+ account.role().id() + "'), so it cannot be '" + parsed.id() + "'");
		}
		int days = (expiresInDays != null) ? expiresInDays : DEFAULT_DAYS;
		if (days < 1 || days > MAX_DAYS) {
			throw new AccountChangeRefused(HttpStatus.BAD_REQUEST,
					"expiresInDays: from 1 to " + MAX_DAYS + " (default " + DEFAULT_DAYS + ")");
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = Instant.now();
		Instant expires = now.plus(Duration.ofDays(days));
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into api_token (account_id, name, role, token_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(account.id(), name, parsed.id(), hash(token), Timestamp.from(now), Timestamp.from(expires))
			.update(key, "id");
		return new NewToken(key.getKey().longValue(), name, parsed.id(), expires, token);
	}

	List<TokenInfo> list(long accountId) {
		return this.jdbc.sql("""
				select id, name, role, created_at, expires_at, revoked_at from api_token
				where account_id = ? order by id""").param(accountId).query((rs, row) -> {
			Timestamp revoked = rs.getTimestamp("revoked_at");
			return new TokenInfo(rs.getLong("id"), rs.getString("name"), rs.getString("role"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
					(revoked != null) ? revoked.toInstant() : null);
		}).list();
	}

	/** Revokes one of the account's own tokens; another account's is not found. */
	void revoke(long accountId, long tokenId) {
		int revoked = this.jdbc
			.sql("update api_token set revoked_at = coalesce(revoked_at, ?) where id = ? and account_id = ?")
			.params(Timestamp.from(Instant.now()), tokenId, accountId)
			.update();
		if (revoked == 0) {
			throw new AccountChangeRefused(HttpStatus.NOT_FOUND, "You have no token with id " + tokenId + ".");
		}
	}

	void revokeAll(long accountId) {
		this.jdbc.sql("update api_token set revoked_at = ? where account_id = ? and revoked_at is null")
			.params(Timestamp.from(Instant.now()), accountId)
			.update();
	}

	private static Authentication authenticated(String username, String tokenName, Role role) {
		List<GrantedAuthority> authorities = new ArrayList<>(role.authorities());
		authorities.add(new SimpleGrantedAuthority(TOKEN_AUTHORITY));
		UsernamePasswordAuthenticationToken caller = UsernamePasswordAuthenticationToken.authenticated(username, null,
				authorities);
		caller.setDetails(new TokenName(tokenName));
		return caller;
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	record NewToken(long id, String name, String role, Instant expiresAt, String token) {
	}

	record TokenInfo(long id, String name, String role, Instant createdAt, Instant expiresAt, Instant revokedAt) {
	}

}
