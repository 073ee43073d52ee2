package dev.pairwise.exclusion;

import java.time.Instant;

/**
 * Whether a rater's judgments count, and why not when they do not.
 *
 * @param raterId the rater
 * @param label the rater's label, which is the judge of their judgments
 * @param excluded whether their judgments are left out
 * @param reason the admin's reason, or null when counted
 * @param excludedAt when they were excluded, or null when counted
 * @param judgments their judgments of real tasks (attention checks not included)
 */
public record RaterStanding(long raterId, String label, boolean excluded, String reason, Instant excludedAt,
		int judgments) {
}
