package dev.pairwise.rating;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

import org.springframework.util.MultiValueMap;

/**
 * A rater's answer to one criterion in screen terms: {@code "1"}, {@code "2"} or
 * {@code "tie"}, and on a graded study how much better. The API takes it as a bare choice
 * ({@code "correctness": "1"}) or as {@code {"choice": "1", "strength": "clearly"}}.
 */
record CriterionCommand(String choice, String strength) {

	/** The form fields of the rating page: {@code criterion.<id>} and its strength. */
	static final String FORM_PREFIX = "criterion.";

	static final String STRENGTH_SUFFIX = ".strength";

	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	CriterionCommand {
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static CriterionCommand of(String choice) {
		return new CriterionCommand(choice, null);
	}

	/** The criteria answered in a posted rating form, in the form's order. */
	static Map<String, CriterionCommand> fromForm(MultiValueMap<String, String> form) {
		Map<String, CriterionCommand> criteria = new LinkedHashMap<>();
		form.forEach((name, values) -> {
			if (name.startsWith(FORM_PREFIX) && !name.endsWith(STRENGTH_SUFFIX)) {
				String id = name.substring(FORM_PREFIX.length());
				List<String> strength = form.get(name + STRENGTH_SUFFIX);
				criteria.put(id, new CriterionCommand(values.get(0),
						(strength != null && !strength.isEmpty()) ? strength.get(0) : null));
			}
		});
		return criteria;
	}

}
