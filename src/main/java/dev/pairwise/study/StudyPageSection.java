package dev.pairwise.study;

/**
 * A section another feature adds to a study's page (recruitment: its link, its state and
 * the form that sets it up), declared here and implemented there, so that study shows it
 * without depending on that feature.
 */
public interface StudyPageSection {

	/**
	 * The template that holds the section as the fragment
	 * {@code section(study, section)}.
	 */
	String template();

	/** What the fragment shows for this study; it receives it as {@code section}. */
	Object model(long studyId);

}
