package dev.pairwise.study;

import java.util.ArrayList;
import java.util.List;

/**
 * The admin form for a new study, bound from request parameters. {@code criteria} has one
 * criterion a line: {@code id | label | Chinese label | help}, the last two optional.
 */
record StudyForm(String name, Long evalSetId, List<String> models, String focal, String pairing, String baseline,
		Integer ratingsPerTask, String scale, List<String> categories, List<String> settings,
		Double attentionCheckPercent, String instructions, Boolean reasonRequired, Boolean allowEdit,
		Integer leaseMinutes, Boolean showSetting, String criteria, String overall, Integer tooFastSeconds) {

	StudyForm {
		models = (models != null) ? models : new ArrayList<>();
		categories = (categories != null) ? categories : new ArrayList<>();
		settings = (settings != null) ? settings : new ArrayList<>();
	}

	static StudyForm blank(Long evalSetId) {
		return new StudyForm("", evalSetId, null, null, "all-pairs", null, StudyService.DEFAULT_RATINGS_PER_TASK,
				"preference", null, null, 0.0, DEFAULT_INSTRUCTIONS, false, false, StudyService.DEFAULT_LEASE_MINUTES,
				false, "", StudyCriteria.OverallAnswer.ASKED, StudyService.DEFAULT_TOO_FAST_SECONDS);
	}

	StudyCommand toCommand(String evalSetName, String evalSetVersion) {
		Double rate = (this.attentionCheckPercent != null) ? this.attentionCheckPercent / 100.0 : null;
		List<String> ordered = new ArrayList<>(this.models);
		if (this.focal != null && ordered.remove(this.focal)) {
			ordered.add(0, this.focal);
		}
		return new StudyCommand(this.name, evalSetName, evalSetVersion, ordered, this.pairing,
				(this.baseline == null || this.baseline.isBlank()) ? null : this.baseline, this.ratingsPerTask,
				this.scale, this.categories, this.settings, rate, this.instructions, this.allowEdit,
				this.reasonRequired, this.leaseMinutes, this.showSetting, criteria(this.criteria), this.overall,
				this.tooFastSeconds);
	}

	/** The criteria of the form's text: a line each, its parts separated by {@code |}. */
	static List<Criterion> criteria(String text) {
		List<Criterion> criteria = new ArrayList<>();
		if (text == null) {
			return criteria;
		}
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("\\|", 4);
			criteria.add(new Criterion(parts[0].strip(), part(parts, 1), part(parts, 2), part(parts, 3)));
		}
		return criteria;
	}

	private static String part(String[] parts, int index) {
		return (parts.length > index && !parts[index].isBlank()) ? parts[index].strip() : null;
	}

	static final String DEFAULT_INSTRUCTIONS = """
			You will see a prompt and two responses to it. Decide which response is **better**, judging \
			mainly by *correctness* and *informativeness*:

			- Prefer the response that actually does what the prompt asks.
			- A longer response is not better for being longer.
			- Choose **Tie** only when you truly cannot prefer one, and **Both are bad** when neither is acceptable.
			- Mark a response as **Fail** if it is nonsensical, irrelevant, or does not answer at all.
			""";

}
