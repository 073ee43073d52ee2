package dev.pairwise.study;

import java.util.List;

/**
 * What creating a study takes, as the API's JSON and the admin form both give it. Absent
 * values take the defaults documented in the README.
 */
record StudyCommand(String name, String evalSet, String evalSetVersion, List<String> models, String pairing,
		String baseline, Integer ratingsPerTask, String scale, List<String> categories, List<String> settings,
		Double attentionCheckRate, String instructions, Boolean allowEdit, Boolean reasonRequired, Integer leaseMinutes,
		Boolean showSetting, Integer tooFastSeconds) {

	StudyCommand {
		models = (models != null) ? List.copyOf(models) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		settings = (settings != null) ? List.copyOf(settings) : List.of();
	}

}
