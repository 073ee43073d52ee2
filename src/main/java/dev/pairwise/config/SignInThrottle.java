package dev.pairwise.config;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;

/**
 * Slows down password guessing, per account and per address: after a few failed sign-ins
 * (form or HTTP Basic) further attempts are refused for a while, a while that doubles
 * with every further failure, up to 15 minutes; a successful sign-in clears the account's
 * and the address's count. Kept in memory, so each instance counts on its own and a
 * restart forgets; with BCrypt every guess is slow besides.
 */
final class SignInThrottle {

	/** Failures of one account, from anywhere, before it is locked for a while. */
	static final int ACCOUNT_FAILURES = 5;

	/** Failures from one address, for any accounts, before it is locked for a while. */
	static final int ADDRESS_FAILURES = 20;

	static final Duration FIRST_LOCK = Duration.ofSeconds(30);

	static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

	/** Counts kept at most; beyond it, those whose lock is over are forgotten. */
	private static final int MAX_ENTRIES = 10_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	/** Refuses the attempt while the account or the address is locked. */
	void checkAllowed(String username, String address) {
		Instant now = this.clock.instant();
		for (String key : keys(username, address)) {
			Failures counted = this.failures.get(key);
			if (counted != null && counted.lockedUntil().isAfter(now)) {
				throw new LockedOut(Duration.between(now, counted.lockedUntil()));
			}
		}
	}

	void failed(String username, String address) {
		Instant now = this.clock.instant();
		if (this.failures.size() > MAX_ENTRIES) {
			this.failures.values().removeIf((counted) -> counted.lockedUntil().isBefore(now.minus(LONGEST_LOCK)));
		}
		this.failures.compute(accountKey(username), (key, counted) -> Failures.after(counted, ACCOUNT_FAILURES, now));
		this.failures.compute(addressKey(address), (key, counted) -> Failures.after(counted, ADDRESS_FAILURES, now));
	}

	void succeeded(String username, String address) {
		this.failures.remove(accountKey(username));
		this.failures.remove(addressKey(address));
	}

	static boolean isLockedOut(AuthenticationException failure) {
		return failure instanceof LockedOut;
	}

	/** 429 with the wait in {@code Retry-After} and in words. */
	static void answer(HttpServletResponse response, AuthenticationException failure) throws IOException {
		// Rounded up: trying again after fewer seconds would be refused once more.
		long seconds = Math.max(1, (((LockedOut) failure).retryAfter().toMillis() + 999) / 1000);
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		Problems.write(response, 429, "Too many failed sign-ins",
				"Too many failed sign-ins for this account or from this address: try again in " + seconds
						+ " seconds.");
	}

	private static String[] keys(String username, String address) {
		return new String[] { accountKey(username), addressKey(address) };
	}

	private static String accountKey(String username) {
		return "account:" + username;
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	/** Consecutive failures and the lock they earned. */
	private record Failures(int count, Instant lockedUntil) {

		static Failures after(Failures previous, int allowed, Instant now) {
			int count = (previous != null) ? previous.count() + 1 : 1;
			if (count < allowed) {
				return new Failures(count, Instant.MIN);
			}
			long doublings = Math.min(count - allowed, 10);
			Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
			return new Failures(count, now.plus((lock.compareTo(LONGEST_LOCK) > 0) ? LONGEST_LOCK : lock));
		}

	}

	/** A sign-in refused without checking the password, because of earlier failures. */
	static final class LockedOut extends AuthenticationException {

		private final transient Duration retryAfter;

		LockedOut(Duration retryAfter) {
			super("Too many failed sign-ins");
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return this.retryAfter;
		}

	}

}
