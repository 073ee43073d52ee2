package dev.pairwise.recruitment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A study's recruitment link as stored. With {@code generateParticipantIds} (an open
 * link), a visitor who arrives without the participant parameter gets a generated id.
 */
record RecruitmentLink(long studyId, String slug, String tokenSecret, String participantParam, List<String> extraParams,
		int tasksPerParticipant, Integer maxParticipants, String completionCode, String completionUrl,
		String screenOutCode, String screenOutUrl, String consent, Integer estimatedMinutes, List<Question> questions,
		int passMark, AttentionPolicy attentionPolicy, int attentionLimit, String state,
		boolean generateParticipantIds) {

	static final String ACTIVE = "active";

	static final String PAUSED = "paused";

	static final String REVOKED = "revoked";

	/** The practice questions the admin chose from the study's items. */
	List<Question> adminQuestions() {
		return this.questions.stream().filter((question) -> !question.builtInCheck()).toList();
	}

	/** How many of the practice questions are built-in attention checks. */
	int attentionChecks() {
		return this.questions.size() - adminQuestions().size();
	}

	String url(String base) {
		return base + "/join/" + this.slug;
	}

	/** The completion URL with the code in place of {@code {code}}; null without one. */
	static String redirect(String url, String code) {
		if (url == null || url.isBlank()) {
			return null;
		}
		return url.replace("{code}", URLEncoder.encode((code != null) ? code : "", StandardCharsets.UTF_8));
	}

	/** What happens when a participant fails attention checks past the study's limit. */
	enum AttentionPolicy {

		OFF("off"), WARN("warn"), SCREEN_OUT("screen-out");

		private final String id;

		AttentionPolicy(String id) {
			this.id = id;
		}

		String id() {
			return this.id;
		}

		static AttentionPolicy of(String id) {
			for (AttentionPolicy policy : values()) {
				if (policy.id.equals(id)) {
					return policy;
				}
			}
			return null;
		}

	}

}
