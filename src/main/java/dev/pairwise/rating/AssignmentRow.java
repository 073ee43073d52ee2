package dev.pairwise.rating;

import java.time.Instant;

/**
 * An assignment as stored, with what a judgment of it records about its task:
 * {@code attention} when the task is an attention check, whose right answer is then
 * {@code attentionGoodSide} ("a" or "b").
 */
record AssignmentRow(long id, long taskId, long raterId, boolean leftIsA, String state, Instant leasedAt,
		Instant expiresAt, boolean attention, long itemId, long modelA, long modelB, String attentionGoodSide) {

	static final String LEASED = "leased";

	static final String JUDGED = "judged";

	static final String SKIPPED = "skipped";

	static final String EXPIRED = "expired";

}
