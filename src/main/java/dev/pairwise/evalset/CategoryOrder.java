package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order of an eval set's categories: as its set.json lists them, then the ones it
 * does not list in order of their first item. Stored in {@code eval_set.category_order}
 * as a JSON list of strings.
 */
final class CategoryOrder {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CategoryOrder() {
	}

	/** The listed categories as stored, or null when none is listed. */
	static String toJson(List<String> listed) {
		return listed.isEmpty() ? null : JSON.writeValueAsString(listed);
	}

	/**
	 * The stored list, or null when the text is not a JSON list of strings (a bundle from
	 * elsewhere).
	 */
	static List<String> fromJson(String stored) {
		if (stored == null) {
			return List.of();
		}
		try {
			JsonNode node = JSON.readTree(stored);
			if (!node.isArray()) {
				return null;
			}
			List<String> listed = new ArrayList<>();
			for (JsonNode category : node) {
				if (!category.isString()) {
					return null;
				}
				listed.add(category.asString());
			}
			return listed;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The categories present in the set, the listed ones first in their order, then the
	 * others in order of first appearance.
	 */
	static List<String> of(List<String> listed, List<String> byFirstAppearance) {
		Set<String> present = new LinkedHashSet<>(byFirstAppearance);
		Set<String> ordered = new LinkedHashSet<>();
		for (String category : listed) {
			if (present.contains(category)) {
				ordered.add(category);
			}
		}
		ordered.addAll(present);
		return List.copyOf(ordered);
	}

}
