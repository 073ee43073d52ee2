package dev.pairwise.recruitment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pairwise.recruitment.RecruitmentCommand.QualificationCommand;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The recruitment form of the study page: the API's fields, with the extra parameters
 * comma-separated, one practice question per line as {@code item | answer | explanation},
 * and the number of built-in attention checks. With the {@code open} preset the page
 * hides the participant and extra parameters, and whatever they still hold is not taken:
 * an open link's visitors come from no platform.
 */
record RecruitmentForm(String preset, String participantParam, String extraParams, Integer tasksPerParticipant,
		Integer maxParticipants, String completionCode, String completionUrl, String screenOutCode, String screenOutUrl,
		String consent, Integer estimatedMinutes, String questions, Integer attentionChecks, Integer passMark,
		String attentionPolicy, Integer attentionLimit) {

	static final String OPEN_PRESET = "open";

	static final RecruitmentForm EMPTY = new RecruitmentForm("prolific", "PROLIFIC_PID", "STUDY_ID, SESSION_ID", 20,
			null, "", "https://app.prolific.com/submissions/complete?cc={code}", "", "", "", 10, "", 0, null, "off", 1);

	/** The form filled in with a link's current settings. */
	static RecruitmentForm of(RecruitmentLink link) {
		String questions = link.adminQuestions()
			.stream()
			.map((question) -> question.item() + " | " + question.answer() + " | " + question.explanation())
			.reduce((a, b) -> a + "\n" + b)
			.orElse("");
		String preset = link.generateParticipantIds() ? OPEN_PRESET : "";
		return new RecruitmentForm(preset, link.participantParam(), String.join(", ", link.extraParams()),
				link.tasksPerParticipant(), link.maxParticipants(), link.completionCode(), link.completionUrl(),
				link.screenOutCode(), link.screenOutUrl(), link.consent(), link.estimatedMinutes(), questions,
				link.attentionChecks(), link.passMark(), link.attentionPolicy().id(), link.attentionLimit());
	}

	RecruitmentCommand command() {
		boolean open = this.preset != null && OPEN_PRESET.equalsIgnoreCase(this.preset.strip());
		List<String> extras = (open || this.extraParams == null) ? null
				: Arrays.stream(this.extraParams.split(","))
					.map(String::strip)
					.filter((name) -> !name.isEmpty())
					.toList();
		String participantParam = open ? null : blankToNull(this.participantParam);
		return new RecruitmentCommand(this.preset, participantParam, extras, this.tasksPerParticipant,
				this.maxParticipants, this.completionCode, this.completionUrl, blankToNull(this.screenOutCode),
				this.screenOutUrl, this.consent, this.estimatedMinutes,
				new QualificationCommand(this.passMark, parsedQuestions(), this.attentionChecks), this.attentionPolicy,
				this.attentionLimit, null);
	}

	private List<Question> parsedQuestions() {
		List<Question> questions = new ArrayList<>();
		if (this.questions == null) {
			return questions;
		}
		List<String> lines = this.questions.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		for (int i = 0; i < lines.size(); i++) {
			String[] parts = lines.get(i).split("\\|", 3);
			if (parts.length < 2) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "qualification.questions line " + (i + 1)
						+ " must read: item | answer (1, 2 or tie) | explanation");
			}
			questions.add(
					new Question(parts[0].strip(), parts[1].strip(), (parts.length > 2) ? parts[2].strip() : "", null));
		}
		return questions;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
