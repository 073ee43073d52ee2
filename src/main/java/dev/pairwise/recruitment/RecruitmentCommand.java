package dev.pairwise.recruitment;

import java.util.List;

/**
 * A recruitment link as the admin sets it up. {@code preset} (prolific, mturk, generic,
 * open) fills the participant parameter, the extra parameters and whether participant ids
 * are generated when they are not given.
 */
record RecruitmentCommand(String preset, String participantParam, List<String> extraParams, Integer tasksPerParticipant,
		Integer maxParticipants, String completionCode, String completionUrl, String screenOutCode, String screenOutUrl,
		String consent, Integer estimatedMinutes, QualificationCommand qualification, String attentionPolicy,
		Integer attentionLimit, Boolean generateParticipantIds) {

	/**
	 * Practice questions with known answers (the admin's, then {@code attentionChecks}
	 * built-in attention checks) and the number a participant must get right.
	 */
	record QualificationCommand(Integer passMark, List<Question> questions, Integer attentionChecks) {
	}

}
