package dev.pairwise.recruitment;

import java.time.Clock;
import java.util.Optional;

import dev.pairwise.exclusion.RaterExclusions;
import dev.pairwise.rating.RaterAdmission;
import dev.pairwise.recruitment.RecruitmentLink.AttentionPolicy;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a participant owes before real tasks: consent, then the qualification, and not to
 * have been screened out; and their end page. Raters from ordinary invite links are no
 * participants and owe nothing.
 */
@Component
class Admission implements RaterAdmission {

	static final String CONSENT = "consent";

	static final String QUALIFICATION = "qualification";

	static final String SCREENED_OUT = "screened-out";

	static final String COMPLETE = "complete";

	static final String ATTENTION_WARNING = "attention-warning";

	private final RecruitmentRepository repository;

	private final RaterExclusions exclusions;

	private final AttentionWarnings warnings;

	private final Clock clock;

	Admission(RecruitmentRepository repository, RaterExclusions exclusions, AttentionWarnings warnings, Clock clock) {
		this.repository = repository;
		this.exclusions = exclusions;
		this.warnings = warnings;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Optional<String> stepBeforeTasks(long raterId) {
		Optional<Participant> found = this.repository.participantOfRater(raterId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Participant participant = found.get();
		if (participant.screenedOut()) {
			return Optional.of(SCREENED_OUT);
		}
		Optional<RecruitmentLink> link = this.repository.linkOf(participant.studyId());
		if (link.isEmpty()) {
			return Optional.empty();
		}
		if (participant.consentAt() == null) {
			return Optional.of(CONSENT);
		}
		if (participant.qualificationAnswers().size() < link.get().questions().size()) {
			return Optional.of(QUALIFICATION);
		}
		if (this.warnings.owed(participant, link.get())) {
			return Optional.of(ATTENTION_WARNING);
		}
		return Optional.empty();
	}

	@Override
	@Transactional
	public void attentionCheckAnswered(long raterId) {
		this.repository.participantOfRater(raterId)
			.filter((participant) -> !participant.screenedOut())
			.ifPresent((participant) -> this.repository.linkOf(participant.studyId())
				.ifPresent((link) -> screenOutForAttention(participant, link)));
	}

	@Override
	@Transactional
	public Optional<String> endPage(long raterId) {
		return this.repository.participantOfRater(raterId).map((participant) -> {
			if (participant.screenedOut()) {
				return SCREENED_OUT;
			}
			this.repository.finish(participant.id(), Participant.COMPLETED, this.clock.instant());
			return COMPLETE;
		});
	}

	/**
	 * Past the study's limit of failed attention checks: under screen-out, the
	 * participant is screened out and their judgments are excluded, with the reason;
	 * under warn, the reason is recorded and they go on.
	 */
	private boolean screenOutForAttention(Participant participant, RecruitmentLink link) {
		if (link.attentionPolicy() == AttentionPolicy.OFF) {
			return false;
		}
		int failed = this.repository.failedChecks(participant.raterId());
		if (failed <= link.attentionLimit()) {
			return false;
		}
		String reason = "Failed " + failed + " attention checks (limit " + link.attentionLimit() + ")";
		if (link.attentionPolicy() == AttentionPolicy.WARN) {
			this.repository.setReason(participant.id(), reason);
			return false;
		}
		screenOut(participant, reason);
		this.exclusions.exclude(participant.studyId(), participant.raterId(), "Screened out automatically: " + reason);
		return true;
	}

	void screenOut(Participant participant, String reason) {
		this.repository.screenOut(participant.id(), reason, this.clock.instant());
	}

}
