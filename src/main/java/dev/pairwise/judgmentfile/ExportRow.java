package dev.pairwise.judgmentfile;

import java.time.Instant;

import dev.pairwise.rating.Winner;

/**
 * One counted judgment as the export writes it; {@code leftIsA} is null when not
 * recorded.
 */
record ExportRow(String itemId, String category, String setting, String modelA, String modelB, Winner winner,
		String judge, Boolean leftIsA, boolean failA, boolean failB, String strength, String reason, Long elapsedMs,
		Instant createdAt, String source) {
}
