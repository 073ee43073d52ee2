package dev.pairwise.recruitment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened to one participant, for paying or rejecting them: one row of
 * {@code participants.csv} and of the participants page.
 */
record ParticipantRecord(String participantId, Map<String, String> extraParams, Instant consentAt,
		Instant firstActivity, Instant lastActivity, long activeSeconds, int judgments, int attentionChecks,
		Double attentionAccuracy, Integer qualificationScore, Double medianSecondsPerJudgment, List<String> flags,
		String status, String suggestedAction, String reason) {

	static final String TOO_FAST = "too-fast";

	static final String LEFT_BIAS = "left-bias";

	static final String LOW_AGREEMENT = "low-agreement";

}
