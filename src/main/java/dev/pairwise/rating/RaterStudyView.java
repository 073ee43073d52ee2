package dev.pairwise.rating;

import dev.pairwise.study.Study;

/**
 * What a rater's page may know about the study. Deliberately without the study's name or
 * its models: an admin may well have named the study after the models being compared.
 */
record RaterStudyView(String instructions, boolean graded, boolean reasonRequired, boolean allowEdit) {

	static RaterStudyView of(Study study) {
		return new RaterStudyView(study.instructions(), study.scale() == Study.Scale.GRADED, study.reasonRequired(),
				study.allowEdit());
	}

}
