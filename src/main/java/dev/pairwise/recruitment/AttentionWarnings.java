package dev.pairwise.recruitment;

import dev.pairwise.recruitment.RecruitmentLink.AttentionPolicy;

import org.springframework.stereotype.Component;

/**
 * Under the warn attention policy, a participant who failed an attention check they have
 * not been warned about sees a polite warning before their next task, and goes on once
 * they have read it.
 */
@Component
class AttentionWarnings {

	private final RecruitmentRepository repository;

	AttentionWarnings(RecruitmentRepository repository) {
		this.repository = repository;
	}

	boolean owed(Participant participant, RecruitmentLink link) {
		return link.attentionPolicy() == AttentionPolicy.WARN && !participant.screenedOut()
				&& this.repository.failedChecks(participant.raterId()) > participant.attentionWarned();
	}

	void read(Participant participant) {
		this.repository.warned(participant.id(), this.repository.failedChecks(participant.raterId()));
	}

}
