package dev.pairwise.output;

import java.util.regex.Pattern;

final class ModelNames {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,199}");

	private ModelNames() {
	}

	/** Why a model name is unusable, or null when it is fine. */
	static String problem(String name) {
		if (name == null || name.isBlank()) {
			return "a model name is required";
		}
		if (!VALID.matcher(name).matches()) {
			return "model name '" + name + "' may use only letters, digits and . _ : + - (no spaces), up to 200";
		}
		return null;
	}

}
