package dev.pairwise.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Invite tokens: 192 bits from a secure random source, given to the rater once in their
 * link and stored only as a SHA-256 hash, so a copy of the database opens no study.
 */
final class InviteTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private InviteTokens() {
	}

	static String newToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * A value in the shape of a token hash that no token hashes to (random, not derived
	 * from a token anyone holds): an imported rater's old link opens nothing here.
	 */
	static String unusableHash() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** Compares two hashes in time that does not depend on where they differ. */
	static boolean sameHash(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				actual.getBytes(StandardCharsets.US_ASCII));
	}

}
