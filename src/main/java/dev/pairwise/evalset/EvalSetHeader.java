package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.TextLimits;

/** What set.json (or the upload form or API parameters) says about an eval set. */
record EvalSetHeader(String name, String version, String title, String description, String source, String license,
		List<String> categories) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

	EvalSetHeader {
		title = (title == null || title.isBlank()) ? name : title;
		categories = (categories != null) ? List.copyOf(categories) : List.of();
	}

	static EvalSetHeader of(String name, String version, String title, String description) {
		return new EvalSetHeader(name, version, title, description, null, null, List.of());
	}

	/** Problems with the header itself, reported before any item is read. */
	List<ImportError> problems() {
		if (this.name == null || this.name.isBlank()) {
			return List.of(ImportError.forFile("the eval set needs a name"));
		}
		if (!NAME.matcher(this.name).matches()) {
			return List.of(ImportError.forFile("the eval set name '" + this.name
					+ "' may use only letters, digits, '.', '_' and '-' (it appears in URLs)"));
		}
		if (this.version == null || this.version.isBlank()) {
			return List.of(ImportError.forFile("the eval set needs a version"));
		}
		if (this.version.length() > 100) {
			return List.of(ImportError.forFile("the version is longer than 100 characters"));
		}
		List<ImportError> problems = new ArrayList<>();
		check("version", this.version, 100, problems);
		check("title", this.title, 500, problems);
		check("description", this.description, 20_000, problems);
		check("source", this.source, 2_000, problems);
		check("license", this.license, 500, problems);
		return problems;
	}

	/** A header field must fit its column in the eval_set table. */
	private static void check(String field, String value, int maxLength, List<ImportError> problems) {
		String problem = (value != null) ? TextLimits.problem(value, maxLength) : null;
		if (problem != null) {
			problems.add(new ImportError(null, null, field, problem));
		}
	}

}
