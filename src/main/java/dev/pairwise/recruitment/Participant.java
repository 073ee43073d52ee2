package dev.pairwise.recruitment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One person from a crowd platform, enrolled in one study as one rater.
 * {@code attentionWarned} is the number of failed attention checks they have been warned
 * about.
 */
record Participant(long id, long studyId, String platformId, long raterId, Map<String, String> extraParams,
		Instant consentAt, List<String> qualificationAnswers, Integer qualificationScore, String status,
		String statusReason, Instant enrolledAt, Instant finishedAt, int attentionWarned) {

	static final String ENROLLED = "enrolled";

	static final String CONSENTED = "consented";

	static final String QUALIFIED = "qualified";

	static final String SCREENED_OUT = "screened-out";

	static final String COMPLETED = "completed";

	boolean screenedOut() {
		return SCREENED_OUT.equals(this.status);
	}

}
