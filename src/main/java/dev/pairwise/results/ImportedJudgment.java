package dev.pairwise.results;

import java.time.Instant;

/**
 * A validated row of a judgment import, with database ids; {@code winner} in the stored
 * vocabulary ({@code model_a}, {@code model_b}, {@code tie}, {@code both-bad}).
 */
record ImportedJudgment(Long taskId, long itemId, long modelA, long modelB, String winner, Boolean leftIsA,
		boolean failA, boolean failB, String strength, String reason, Long elapsedMs, String judge, Instant createdAt) {
}
