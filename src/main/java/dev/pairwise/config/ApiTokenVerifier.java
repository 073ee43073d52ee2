package dev.pairwise.config;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * Checks the API token of a request sent with {@code Authorization: Bearer …}, on every
 * request and without caching, so that a revoked or expired token, or one whose account
 * was disabled, stops working at once. The account feature implements it.
 */
public interface ApiTokenVerifier {

	/**
	 * The authority every token-authenticated request carries besides its role's: what a
	 * token may not do (make tokens, change the password) is refused on it.
	 */
	String TOKEN_AUTHORITY = "API_TOKEN";

	/**
	 * The authenticated caller the token stands for, or empty when it is unknown, revoked
	 * or expired, or its account is disabled.
	 */
	Optional<Authentication> verify(String token);

	/**
	 * The details of a token-authenticated caller: which of the account's tokens it used,
	 * so that what a script did is told apart from what its account's person did.
	 */
	record TokenName(String name) {
	}

}
