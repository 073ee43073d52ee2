package dev.pairwise.rating;

import java.time.Instant;

/**
 * A judgment made elsewhere (an LLM judge, an earlier campaign), checked against its
 * study and given database ids, ready to be stored by {@link JudgmentImports}.
 *
 * @param taskId the study's task of the item and model pair, or null when it has none
 * @param leftIsA whether model_a was shown on the left; null when not recorded
 * @param createdAt when it was made; null for now
 */
public record ImportedJudgment(Long taskId, long itemId, long modelA, long modelB, Winner winner, Boolean leftIsA,
		boolean failA, boolean failB, String strength, String reason, Long elapsedMs, String judge, Instant createdAt) {
}
