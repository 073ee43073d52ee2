package dev.pairwise.rating;

import dev.pairwise.study.Study;

/**
 * What a rater's page may know about the study. Deliberately without the study's name or
 * its models: an admin may well have named the study after the models being compared.
 * {@code showSetting} is off unless the study shows raters the items' settings.
 */
record RaterStudyView(String instructions, boolean graded, boolean reasonRequired, boolean allowEdit,
		boolean showSetting, int leaseSeconds) {

	static RaterStudyView of(Study study) {
		return new RaterStudyView(study.instructions(), study.scale() == Study.Scale.GRADED, study.reasonRequired(),
				study.allowEdit(), study.showSetting(), study.leaseSeconds());
	}

}
