package dev.pairwise.recruitment;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.pairwise.recruitment.RecruitmentCommand.QualificationCommand;
import dev.pairwise.recruitment.RecruitmentLink.AttentionPolicy;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Sets up, pauses, resumes and revokes a study's recruitment link. Setting it up again
 * changes its rules and keeps its URL (and the key that derives participants' tokens, so
 * that everyone enrolled keeps reaching their own rater); after a revocation it gets a
 * new URL.
 */
@Service
class Recruitment {

	static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,200}");

	private static final int MAX_EXTRA_PARAMS = 10;

	private static final int MAX_TASKS = 100_000;

	private static final int MAX_QUESTIONS = 50;

	private static final int MAX_EXPLANATION = 4000;

	private static final int MAX_CONSENT = 100_000;

	private final RecruitmentRepository repository;

	private final Studies studies;

	private final PracticeTasks practice;

	private final SecureRandom random = new SecureRandom();

	Recruitment(RecruitmentRepository repository, Studies studies, PracticeTasks practice) {
		this.repository = repository;
		this.studies = studies;
		this.practice = practice;
	}

	Optional<RecruitmentLink> linkOf(long studyId) {
		return this.repository.linkOf(requireStudy(studyId).id());
	}

	@Transactional
	RecruitmentLink configure(long studyId, RecruitmentCommand command) {
		Study study = requireStudy(studyId);
		Optional<RecruitmentLink> existing = this.repository.linkOf(studyId);
		Preset preset = Preset.of(command.preset());
		String participantParam = (command.participantParam() != null) ? command.participantParam().strip()
				: preset.participantParam();
		require(PARAMETER.matcher(participantParam).matches(), "participantParam",
				"must be a query parameter name: a letter, then letters, digits or _, at most 64");
		List<String> extraParams = (command.extraParams() != null) ? command.extraParams() : preset.extraParams();
		require(extraParams.size() <= MAX_EXTRA_PARAMS, "extraParams", "at most " + MAX_EXTRA_PARAMS + " names");
		for (String name : extraParams) {
			require(name != null && PARAMETER.matcher(name).matches() && !name.equals(participantParam), "extraParams",
					"each must be a query parameter name other than participantParam");
		}
		Integer tasks = command.tasksPerParticipant();
		require(tasks != null && tasks >= 1 && tasks <= MAX_TASKS, "tasksPerParticipant",
				"is required, between 1 and " + MAX_TASKS);
		require(command.maxParticipants() == null || command.maxParticipants() >= 1, "maxParticipants",
				"must be at least 1 when given");
		require(command.completionCode() != null && CODE.matcher(command.completionCode()).matches(), "completionCode",
				"is required: 1 to 200 letters, digits, - or _");
		require(command.screenOutCode() == null || CODE.matcher(command.screenOutCode()).matches(), "screenOutCode",
				"must be 1 to 200 letters, digits, - or _");
		requireUrl(command.completionUrl(), "completionUrl");
		requireUrl(command.screenOutUrl(), "screenOutUrl");
		require(command.consent() == null
				|| (command.consent().length() <= MAX_CONSENT && command.consent().indexOf('\0') < 0), "consent",
				"must be at most " + MAX_CONSENT + " characters");
		require(command.estimatedMinutes() == null
				|| (command.estimatedMinutes() >= 1 && command.estimatedMinutes() <= 10_000), "estimatedMinutes",
				"must be between 1 and 10000 when given");
		AttentionPolicy policy = (command.attentionPolicy() != null) ? AttentionPolicy.of(command.attentionPolicy())
				: AttentionPolicy.OFF;
		require(policy != null, "attentionPolicy", "must be off, warn or screen-out");
		int limit = (command.attentionLimit() != null) ? command.attentionLimit() : 1;
		require(limit >= 0, "attentionLimit", "must be 0 or more (the failed checks a participant may have)");
		QualificationCommand qualification = (command.qualification() != null) ? command.qualification()
				: new QualificationCommand(0, List.of(), 0);
		List<Question> questions = questions(study, qualification);
		int passMark = (qualification.passMark() != null) ? qualification.passMark() : questions.size();
		require(passMark >= 0 && passMark <= questions.size(), "qualification.passMark",
				"must be between 0 and the number of questions (" + questions.size() + ")");
		boolean renewed = existing.isEmpty() || RecruitmentLink.REVOKED.equals(existing.get().state());
		String slug = renewed ? randomHex(16) : existing.get().slug();
		String secret = existing.map(RecruitmentLink::tokenSecret).orElseGet(() -> randomHex(32));
		String state = renewed ? RecruitmentLink.ACTIVE : existing.get().state();
		boolean generateIds = generateParticipantIds(command, preset, existing);
		RecruitmentLink link = new RecruitmentLink(studyId, slug, secret, participantParam, List.copyOf(extraParams),
				tasks, command.maxParticipants(), command.completionCode(), blankToNull(command.completionUrl()),
				command.screenOutCode(), blankToNull(command.screenOutUrl()), blankToNull(command.consent()),
				command.estimatedMinutes(), questions, passMark, policy, limit, state, generateIds);
		this.repository.deleteLink(studyId);
		this.repository.insertLink(link);
		return link;
	}

	/**
	 * Pauses (no new enrolments), resumes or revokes (the link opens nothing) at once.
	 */
	@Transactional
	RecruitmentLink setState(long studyId, String state) {
		RecruitmentLink link = linkOf(studyId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Study " + studyId
					+ " has no recruitment link; create one with POST /api/studies/" + studyId + "/recruitment"));
		if (RecruitmentLink.REVOKED.equals(link.state())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"This recruitment link is revoked; set up a new one with POST /api/studies/" + studyId
							+ "/recruitment");
		}
		this.repository.setState(studyId, state);
		String demoPath = "/join/" + link.slug();
		if (RecruitmentLink.REVOKED.equals(state)
				&& this.studies.find(studyId).map((study) -> demoPath.equals(study.demoInviteUrl())).orElse(false)) {
			// The start page stops offering a demo link that opens nothing.
			this.studies.setDemoLink(studyId, null);
		}
		return this.repository.linkOf(studyId).orElseThrow();
	}

	/**
	 * As given; else as the named preset has it; else (the form's "as below") as the link
	 * had it, so that editing an open link keeps it open.
	 */
	private static boolean generateParticipantIds(RecruitmentCommand command, Preset preset,
			Optional<RecruitmentLink> existing) {
		if (command.generateParticipantIds() != null) {
			return command.generateParticipantIds();
		}
		if (command.preset() != null && !command.preset().isBlank()) {
			return preset.generatesParticipantIds();
		}
		return existing.map(RecruitmentLink::generateParticipantIds).orElse(false);
	}

	private List<Question> questions(Study study, QualificationCommand qualification) {
		List<Question> given = (qualification.questions() != null) ? qualification.questions() : List.of();
		require(given.size() <= MAX_QUESTIONS, "qualification.questions", "at most " + MAX_QUESTIONS);
		List<Question> questions = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			Question question = given.get(i);
			String where = "qualification.questions[" + i + "]";
			require(question != null && question.kind() == null, where + ".kind",
					"is not taken: ask for built-in attention checks with qualification.attentionChecks");
			require(this.practice.find(study, question.item()).isPresent(), where + ".item",
					"must be an item of the study's eval set with outputs of its first two models");
			require(question.answer() != null && Question.ANSWERS.contains(question.answer()), where + ".answer",
					"must be 1, 2 or tie");
			String explanation = (question.explanation() != null) ? question.explanation().strip() : "";
			require(explanation.length() <= MAX_EXPLANATION && explanation.indexOf('\0') < 0, where + ".explanation",
					"must be at most " + MAX_EXPLANATION + " characters");
			questions.add(new Question(question.item(), question.answer(), explanation, null));
		}
		int checks = (qualification.attentionChecks() != null) ? qualification.attentionChecks() : 0;
		int room = MAX_QUESTIONS - questions.size();
		require(checks >= 0 && checks <= room, "qualification.attentionChecks",
				"must be between 0 and " + room + " (at most " + MAX_QUESTIONS + " questions in all)");
		if (checks > 0) {
			int checkable = this.practice.checkableItems(study).size();
			require(checks <= checkable, "qualification.attentionChecks", "must be at most " + checkable
					+ ", the items of the study's eval set with non-empty outputs of its first two models");
			questions.addAll(this.practice.builtInChecks(study, checks));
		}
		return questions;
	}

	private Study requireStudy(long studyId) {
		return this.studies.find(studyId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study " + studyId));
	}

	private static void requireUrl(String url, String field) {
		require(url == null || url.isBlank()
				|| (url.length() <= 2000 && (url.startsWith("https://") || url.startsWith("http://"))
						&& url.chars().noneMatch((c) -> c <= ' ')),
				field, "must be an http(s) URL of at most 2000 characters without spaces");
	}

	private static void require(boolean valid, String field, String message) {
		if (!valid) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " " + message);
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private String randomHex(int bytes) {
		byte[] value = new byte[bytes];
		this.random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

	/**
	 * Where each platform puts the participant's id and what else it sends; an open link
	 * (no platform) generates an id for each visitor who comes without one.
	 */
	enum Preset {

		PROLIFIC("PROLIFIC_PID", List.of("STUDY_ID", "SESSION_ID"), false),
		MTURK("workerId", List.of("assignmentId", "hitId"), false), GENERIC("pid", List.of(), false),
		OPEN("pid", List.of(), true);

		private final String participantParam;

		private final List<String> extraParams;

		private final boolean generatesParticipantIds;

		Preset(String participantParam, List<String> extraParams, boolean generatesParticipantIds) {
			this.participantParam = participantParam;
			this.extraParams = extraParams;
			this.generatesParticipantIds = generatesParticipantIds;
		}

		boolean generatesParticipantIds() {
			return this.generatesParticipantIds;
		}

		String participantParam() {
			return this.participantParam;
		}

		List<String> extraParams() {
			return this.extraParams;
		}

		static Preset of(String id) {
			if (id == null || id.isBlank()) {
				return GENERIC;
			}
			for (Preset preset : values()) {
				if (preset.name().equalsIgnoreCase(id.strip())) {
					return preset;
				}
			}
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"preset must be prolific, mturk, generic or open");
		}

	}

}
