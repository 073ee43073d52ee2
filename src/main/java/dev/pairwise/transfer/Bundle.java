package dev.pairwise.transfer;

import java.util.List;

/**
 * The bundle's format: its name and version, and its sections in the order they must
 * come, each after those it refers to.
 */
final class Bundle {

	static final String FORMAT = "pairwise-study";

	static final int VERSION = 1;

	static final List<String> SECTIONS = List.of("format", "version", "exportedAt", "evalSet", "items", "outputs",
			"study", "tasks", "raters", "assignments", "judgments", "edits", "flags", "exclusions", "audit");

	/**
	 * Sections a bundle may leave out: those added after bundles without them were
	 * written.
	 */
	static final List<String> OPTIONAL = List.of("exportedAt", "exclusions", "audit");

	private Bundle() {
	}

}
