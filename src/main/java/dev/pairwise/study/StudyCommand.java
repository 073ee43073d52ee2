package dev.pairwise.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What creating a study takes, as the API's JSON and the admin form both give it. Absent
 * values take the defaults documented in the README. {@code criteria} are answered each
 * on its own; {@code overall} says whether the overall answer is then {@code asked} (the
 * default) or {@code derived} from them.
 */
record StudyCommand(String name, String evalSet, String evalSetVersion, List<String> models, String pairing,
		String baseline, Integer ratingsPerTask, String scale, List<String> categories, List<String> settings,
		Double attentionCheckRate, String instructions, Boolean allowEdit, Boolean reasonRequired, Integer leaseMinutes,
		Boolean showSetting, List<Criterion> criteria, String overall, Integer tooFastSeconds) {

	StudyCommand {
		criteria = (criteria != null) ? Collections.unmodifiableList(new ArrayList<>(criteria)) : List.of();
		models = (models != null) ? List.copyOf(models) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		settings = (settings != null) ? List.copyOf(settings) : List.of();
	}

}
