package dev.pairwise.results;

import java.time.Instant;

/**
 * One counted judgment as the export writes it. {@code winner} is as stored
 * ({@code both-bad} for a both-bad answer); {@code leftIsA} is null when not recorded.
 */
record ExportRow(String itemId, String category, String setting, String modelA, String modelB, String winner,
		String judge, Boolean leftIsA, boolean failA, boolean failB, String strength, String reason, Long elapsedMs,
		Instant createdAt, String source) {
}
