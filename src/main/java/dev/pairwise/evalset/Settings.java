package dev.pairwise.evalset;

import java.util.List;

/** The prompting settings an item may have (DESIGN.md "Words"). */
public final class Settings {

	public static final List<String> ALL = List.of("zero-shot", "zero-shot-cot", "few-shot");

	private Settings() {
	}

}
