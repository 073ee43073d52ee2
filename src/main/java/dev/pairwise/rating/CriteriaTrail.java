package dev.pairwise.rating;

import java.util.Map;
import java.util.TreeMap;

import dev.pairwise.rating.RatingRepository.CriterionAnswer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The criterion answers a changed answer replaced, as the audit trail keeps them in
 * {@code judgment_edit.previous_criteria}: {@code {"<id>": {"winner", "strength"}}} in
 * the task's terms, the shape a bundle's judgments nest their criteria in.
 */
final class CriteriaTrail {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CriteriaTrail() {
	}

	/** The answers as JSON, ordered by criterion id; null when there are none. */
	static String json(Map<String, CriterionAnswer> criteria) {
		if (criteria.isEmpty()) {
			return null;
		}
		ObjectNode trail = JSON.createObjectNode();
		new TreeMap<>(criteria).forEach((id, answer) -> {
			ObjectNode entry = trail.putObject(id);
			entry.put("winner", answer.winner());
			entry.put("strength", answer.strength());
		});
		return JSON.writeValueAsString(trail);
	}

}
