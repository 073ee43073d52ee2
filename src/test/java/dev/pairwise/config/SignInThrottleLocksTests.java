package dev.pairwise.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a lock lasts: 30 seconds after the fifth failure of an account, doubling with
 * each further failure, never more than 15 minutes; over when its time is up, and cleared
 * by a success.
 */
class SignInThrottleLocksTests {

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final SignInThrottle throttle = new SignInThrottle(new Clock() {

		@Override
		public Instant instant() {
			return SignInThrottleLocksTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void locksGrowFromThirtySecondsDoublingUpToFifteenMinutes() {
		for (int failure = 1; failure < SignInThrottle.ACCOUNT_FAILURES; failure++) {
			this.throttle.failed("guessed", "address-" + failure);
			this.throttle.checkAllowed("guessed", "elsewhere");
		}
		assertThat(lockAfterNextFailure()).isEqualTo(Duration.ofSeconds(30));
		assertThat(lockAfterNextFailure()).isEqualTo(Duration.ofSeconds(60));
		assertThat(lockAfterNextFailure()).isEqualTo(Duration.ofSeconds(120));
		for (int failure = 0; failure < 10; failure++) {
			lockAfterNextFailure();
		}
		assertThat(lockAfterNextFailure()).isEqualTo(Duration.ofMinutes(15));

		this.throttle.succeeded("guessed", "elsewhere");
		this.throttle.checkAllowed("guessed", "elsewhere");
	}

	/** Fails once more where the lock is over, and measures the new lock. */
	private Duration lockAfterNextFailure() {
		this.throttle.failed("guessed", "elsewhere");
		Duration lock;
		try {
			this.throttle.checkAllowed("guessed", "elsewhere");
			throw new AssertionError("not locked after a failure beyond the allowed ones");
		}
		catch (SignInThrottle.LockedOut locked) {
			lock = locked.retryAfter();
		}
		this.now = this.now.plus(lock);
		this.throttle.checkAllowed("guessed", "elsewhere");
		return lock;
	}

}
