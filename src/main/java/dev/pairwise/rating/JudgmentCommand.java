package dev.pairwise.rating;

/** A rater's answer to one assignment, as the rater API and the rating page send it. */
record JudgmentCommand(Long assignmentId, String choice, Boolean fail1, Boolean fail2, String strength, String reason,
		Long elapsedMs) {

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
