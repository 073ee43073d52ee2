package dev.pairwise.judgmentfile;

import java.time.Instant;
import java.util.Map;

import dev.pairwise.rating.Winner;

/**
 * One row of a judgment import, checked for form (required fields present, known winner,
 * booleans, numbers and times readable) but not yet against the study.
 *
 * @param line the row's line in the file (where its record starts, for CSV)
 * @param columns 1-based column of each field, for CSV; empty for JSONL
 * @param criteria the winner of each criterion the row answers, by criterion id
 */
record ParsedJudgment(int line, Map<String, Integer> columns, String itemId, String category, String setting,
		String modelA, String modelB, Winner winner, String judge, Boolean leftIsA, boolean failA, boolean failB,
		String strength, String reason, Long elapsedMs, Instant createdAt, Map<String, Winner> criteria) {

	Integer column(String field) {
		return this.columns.get(field);
	}

}
