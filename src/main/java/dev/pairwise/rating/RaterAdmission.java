package dev.pairwise.rating;

import java.util.Optional;

/**
 * Steps a rater may owe before real tasks, and the page that ends their work, as another
 * feature decides them (recruitment: consent, qualification, screening out). Declared
 * here and implemented there, so that rating asks without depending on it. Each answer is
 * a page below the rater's own {@code /r/{token}/}.
 */
public interface RaterAdmission {

	/**
	 * The page the rater must go to before they may be given a task ("consent",
	 * "qualification", "screened-out"); empty when they may rate. Only reads.
	 */
	Optional<String> stepBeforeTasks(long raterId);

	/**
	 * The rater's answer to an attention check was just stored, in the caller's
	 * transaction: where their study screens out after too many failed checks, this is
	 * where it happens, together with the answer.
	 */
	void attentionCheckAnswered(long raterId);

	/**
	 * The page that ends the work of a rater who has nothing more to do, instead of the
	 * ordinary end page; empty for raters it knows nothing about.
	 */
	Optional<String> endPage(long raterId);

}
