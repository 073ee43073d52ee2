package dev.pairwise.rating;

import java.util.Map;

/**
 * A rater's answer to one assignment, as the rater API and the rating page send it;
 * {@code criteria} answers a study's criteria by id (null or empty when it has none).
 */
record JudgmentCommand(Long assignmentId, String choice, Boolean fail1, Boolean fail2, String strength, String reason,
		Long elapsedMs, Map<String, CriterionCommand> criteria) {

	JudgmentCommand withCriteria(Map<String, CriterionCommand> answered) {
		return new JudgmentCommand(this.assignmentId, this.choice, this.fail1, this.fail2, this.strength, this.reason,
				this.elapsedMs, answered);
	}

	public boolean failLeft() {
		return Boolean.TRUE.equals(this.fail1);
	}

	public boolean failRight() {
		return Boolean.TRUE.equals(this.fail2);
	}

	String normalizedReason() {
		return (this.reason == null || this.reason.isBlank()) ? null : this.reason.strip();
	}

	String normalizedStrength() {
		return (this.strength == null || this.strength.isBlank()) ? null : this.strength;
	}

}
