package dev.pairwise.study;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A study's criteria as the {@code study.criteria} column and the study bundle hold them:
 * a JSON array of {@code {"id", "label", "labelZh", "help"}}, null when there are none.
 */
final class CriteriaJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CriteriaJson() {
	}

	static String write(List<Criterion> criteria) {
		return criteria.isEmpty() ? null : JSON.writeValueAsString(criteria);
	}

	static List<Criterion> read(String json) {
		return (json == null) ? List.of() : JSON.readValue(json, new TypeReference<List<Criterion>>() {
		});
	}

}
