package dev.pairwise.rating;

import java.util.List;

import dev.pairwise.study.Criterion;
import dev.pairwise.study.Study;
import dev.pairwise.study.StudyCriteria;

/**
 * What a rater's page may know about the study. Deliberately without the study's name or
 * its models: an admin may well have named the study after the models being compared.
 * {@code showSetting} is off unless the study shows raters the items' settings.
 * {@code criteria} are answered one row each; with {@code overallDerived} the page asks
 * for no overall choice.
 */
record RaterStudyView(String instructions, boolean graded, boolean reasonRequired, boolean allowEdit,
		boolean showSetting, int leaseSeconds, List<Criterion> criteria, boolean overallDerived) {

	static RaterStudyView of(Study study, StudyCriteria criteria) {
		return new RaterStudyView(study.instructions(), study.scale() == Study.Scale.GRADED, study.reasonRequired(),
				study.allowEdit(), study.showSetting(), study.leaseSeconds(), criteria.criteria(), criteria.derived());
	}

}
