package dev.pairwise.results.stats;

/**
 * A rater's attention-check score. Attention checks are not judgments (they never count
 * in results), so the caller passes the scores in.
 *
 * @param correct checks answered as expected
 * @param total checks answered
 */
public record AttentionScore(int correct, int total) {

	public AttentionScore {
		if (correct < 0 || total < correct) {
			throw new IllegalArgumentException("need 0 <= correct <= total, got " + correct + " of " + total);
		}
	}

	/** The share answered correctly, or null before any check was answered. */
	public Double accuracy() {
		return (total == 0) ? null : (double) correct / total;
	}

	int missed() {
		return total - correct;
	}

}
