package dev.pairwise.rating;

import java.util.Set;

/**
 * Published when judgments of a study are stored or changed, so that what is cached about
 * that study's judgments is brought up to date. Listeners take it with
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT, fallbackExecution = true)}:
 * published in the storing transaction, it reaches them once that commits.
 *
 * @param studyId the study
 * @param judgmentIds the judgments stored or changed; empty when the change is not known
 * judgment by judgment (an import of many), so that everything about the study is to be
 * read again
 */
public record JudgmentsChanged(long studyId, Set<Long> judgmentIds) {

	public JudgmentsChanged {
		judgmentIds = Set.copyOf(judgmentIds);
	}

	/** Any of the study's judgments may have changed. */
	public static JudgmentsChanged wholeStudy(long studyId) {
		return new JudgmentsChanged(studyId, Set.of());
	}

	public static JudgmentsChanged judgment(long studyId, long judgmentId) {
		return new JudgmentsChanged(studyId, Set.of(judgmentId));
	}

	public boolean isWholeStudy() {
		return this.judgmentIds.isEmpty();
	}

}
