package dev.pairwise.rating;

import java.time.Instant;

/** An assignment as stored; {@code attention} when its task is an attention check. */
record AssignmentRow(long id, long taskId, long raterId, boolean leftIsA, String state, Instant leasedAt,
		Instant expiresAt, boolean attention) {

	static final String LEASED = "leased";

	static final String JUDGED = "judged";

	static final String SKIPPED = "skipped";

	static final String EXPIRED = "expired";

}
