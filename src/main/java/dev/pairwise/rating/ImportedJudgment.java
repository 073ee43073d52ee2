package dev.pairwise.rating;

import java.time.Instant;
import java.util.Map;

/**
 * A judgment made elsewhere (an LLM judge, an earlier campaign), checked against its
 * study and given database ids, ready to be stored by {@link JudgmentImports}.
 *
 * @param taskId the study's task of the item and model pair, or null when it has none
 * @param leftIsA whether model_a was shown on the left; null when not recorded
 * @param createdAt when it was made; null for now
 * @param criteria the winner of each of the study's criteria it answers, by criterion id
 */
public record ImportedJudgment(Long taskId, long itemId, long modelA, long modelB, Winner winner, Boolean leftIsA,
		boolean failA, boolean failB, String strength, String reason, Long elapsedMs, String judge, Instant createdAt,
		Map<String, Winner> criteria) {

	public ImportedJudgment {
		criteria = (criteria != null) ? Map.copyOf(criteria) : Map.of();
	}

}
