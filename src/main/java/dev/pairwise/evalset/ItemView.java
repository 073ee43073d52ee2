package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An item prepared for a page: exemplars decoded from their stored JSON. */
public record ItemView(String key, String category, String setting, String prompt, List<Exemplar> exemplars,
		String variantOf) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ItemView of(ItemRow row) {
		return new ItemView(row.key(), row.category(), row.setting(), row.prompt(), exemplars(row.exemplarsJson()),
				row.variantOf());
	}

	/** Decodes the stored exemplar array; an absent one is an empty list. */
	public static List<Exemplar> exemplars(String json) {
		if (json == null) {
			return List.of();
		}
		List<Exemplar> exemplars = new ArrayList<>();
		for (JsonNode exemplar : JSON.readTree(json)) {
			exemplars.add(new Exemplar(exemplar.path("input").asString(), exemplar.path("output").asString()));
		}
		return exemplars;
	}

	public record Exemplar(String input, String output) {
	}

}
