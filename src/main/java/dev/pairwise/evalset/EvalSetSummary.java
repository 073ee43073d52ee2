package dev.pairwise.evalset;

import java.util.Map;

/**
 * An eval set with its item counts, in file order of first appearance of each category
 * and setting.
 */
public record EvalSetSummary(long id, String name, String version, String title, String description, String source,
		String license, int items, Map<String, Integer> categories, Map<String, Integer> settings) {

	public EvalSetRef ref() {
		return new EvalSetRef(this.id, this.name, this.version, this.title);
	}

}
