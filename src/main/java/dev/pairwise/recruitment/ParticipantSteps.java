package dev.pairwise.recruitment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pairwise.recruitment.PracticeTasks.PracticeTask;
import dev.pairwise.study.Rater;
import dev.pairwise.study.Raters;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A participant's own steps, reached through their invite token: consent, the practice
 * questions with feedback, and the codes that end their work.
 */
@Service
class ParticipantSteps {

	private final RecruitmentRepository repository;

	private final Raters raters;

	private final Studies studies;

	private final PracticeTasks practice;

	private final Admission admission;

	private final AttentionWarnings warnings;

	private final Clock clock;

	ParticipantSteps(RecruitmentRepository repository, Raters raters, Studies studies, PracticeTasks practice,
			Admission admission, AttentionWarnings warnings, Clock clock) {
		this.repository = repository;
		this.raters = raters;
		this.studies = studies;
		this.practice = practice;
		this.admission = admission;
		this.warnings = warnings;
		this.clock = clock;
	}

	/**
	 * The participant behind a token, with their link and study; empty for an unknown or
	 * revoked token and for raters who did not come through a recruitment link.
	 */
	Optional<Context> resolve(String token) {
		return this.raters.findByToken(token)
			.filter((rater) -> !rater.revoked())
			.flatMap((rater) -> this.repository.participantOfRater(rater.id())
				.flatMap((participant) -> this.repository.linkOf(participant.studyId())
					.flatMap((link) -> this.studies.find(participant.studyId())
						.map((study) -> new Context(rater, participant, link, study)))));
	}

	void consent(Context context) {
		this.repository.consent(context.participant().id(), this.clock.instant());
	}

	/** The question the participant answers next, with its texts; empty once done. */
	Optional<PracticeTask> nextQuestion(Context context) {
		int index = context.participant().qualificationAnswers().size();
		if (index >= context.link().questions().size()) {
			return Optional.empty();
		}
		return this.practice.find(context.study(), context.link().questions().get(index));
	}

	/**
	 * Records the answer to the next question and scores it; past the last question, a
	 * score under the pass mark screens the participant out. A second submission of the
	 * same question (a double click, a second tab) changes nothing.
	 */
	@Transactional
	void answer(Context context, String answer) {
		Participant participant = context.participant();
		List<Question> questions = context.link().questions();
		int index = participant.qualificationAnswers().size();
		if (index >= questions.size() || answer == null || !Question.ANSWERS.contains(answer)) {
			return;
		}
		List<String> after = new ArrayList<>(participant.qualificationAnswers());
		after.add(answer);
		int score = score(questions, after);
		if (!this.repository.answer(participant.id(), participant.qualificationAnswers(), after, score)) {
			return;
		}
		if (after.size() == questions.size()) {
			if (score < context.link().passMark()) {
				this.admission.screenOut(participant, "Qualification score " + score + " of " + questions.size()
						+ " (pass mark " + context.link().passMark() + ")");
			}
			else {
				this.repository.qualify(participant.id());
			}
		}
	}

	/** Whether the participant failed an attention check they were not warned about. */
	boolean warningOwed(Context context) {
		return this.warnings.owed(context.participant(), context.link());
	}

	void warningRead(Context context) {
		this.warnings.read(context.participant());
	}

	/**
	 * The code and redirect of a participant who has finished or was screened out; empty
	 * while they still have work.
	 */
	Optional<Completion> completion(Context context) {
		Participant participant = context.participant();
		RecruitmentLink link = context.link();
		if (participant.screenedOut()) {
			return Optional.of(new Completion(link.screenOutCode(),
					RecruitmentLink.redirect(link.screenOutUrl(), link.screenOutCode()), Participant.SCREENED_OUT));
		}
		boolean finished = participant.finishedAt() != null
				|| this.repository.judgments(participant.raterId()) >= link.tasksPerParticipant();
		if (!finished) {
			return Optional.empty();
		}
		this.repository.finish(participant.id(), Participant.COMPLETED, this.clock.instant());
		return Optional.of(new Completion(link.completionCode(),
				RecruitmentLink.redirect(link.completionUrl(), link.completionCode()), Participant.COMPLETED));
	}

	static int score(List<Question> questions, List<String> answers) {
		int score = 0;
		for (int i = 0; i < answers.size(); i++) {
			if (questions.get(i).answer().equals(answers.get(i))) {
				score++;
			}
		}
		return score;
	}

	record Context(Rater rater, Participant participant, RecruitmentLink link, Study study) {
	}

	/** What ends a participant's work: the code for the platform and where to take it. */
	record Completion(String code, String redirectUrl, String status) {
	}

}
