package dev.pairwise.study;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pairwise.importing.TextLimits;
import dev.pairwise.study.StudyValidationException.FieldProblem;

/**
 * The bounds a study's definition and counters keep, whether the study is created through
 * the API and the form or arrives in a bundle. Each rule answers why a value is refused,
 * or {@code null} when it is fine.
 */
final class StudyRules {

	static final int MAX_NAME = 200;

	/** The size of the instructions column. */
	static final int MAX_INSTRUCTIONS = 100_000;

	static final int MAX_RATINGS_PER_TASK = 100;

	static final int MAX_LEASE_MINUTES = 24 * 60;

	static final int MAX_TOO_FAST_SECONDS = 600;

	/** The size of the rater label column. */
	static final int MAX_STORED_LABEL = 200;

	/** The size of the category and setting columns an item has. */
	static final int MAX_CATEGORY = 100;

	/** The sizes of the study's categories and settings columns, one name a line. */
	static final int MAX_CATEGORIES = 4000;

	static final int MAX_SETTINGS = 200;

	static final int MAX_CRITERIA = 10;

	static final int MAX_CRITERION_ID = 40;

	static final int MAX_CRITERION_LABEL = 200;

	static final int MAX_CRITERION_HELP = 4000;

	/**
	 * A criterion's id becomes a CSV column ({@code winner_<id>}) and a query parameter,
	 * so it stays plain.
	 */
	private static final Pattern CRITERION_ID = Pattern.compile("[a-z][a-z0-9_]*");

	private StudyRules() {
	}

	static String name(String name) {
		if (name == null || name.isBlank()) {
			return "is required";
		}
		if (name.length() > MAX_NAME) {
			return "is longer than " + MAX_NAME + " characters";
		}
		return (name.indexOf('\0') >= 0) ? "contains a NUL character" : null;
	}

	static String instructions(String instructions) {
		if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
			return "are longer than " + MAX_INSTRUCTIONS + " characters";
		}
		return (instructions != null && instructions.indexOf('\0') >= 0) ? "contain a NUL character" : null;
	}

	static String ratingsPerTask(int k) {
		return (k < 1 || k > MAX_RATINGS_PER_TASK) ? "must be between 1 and " + MAX_RATINGS_PER_TASK : null;
	}

	static String attentionCheckRate(double rate) {
		return (rate < 0 || rate > 0.5 || Double.isNaN(rate)) ? "must be between 0 and 0.5" : null;
	}

	static String leaseMinutes(int minutes) {
		return (minutes < 1 || minutes > MAX_LEASE_MINUTES) ? "must be between 1 and " + MAX_LEASE_MINUTES : null;
	}

	static String leaseSeconds(int seconds) {
		return (seconds < 60 || seconds > MAX_LEASE_MINUTES * 60)
				? "must be between 60 and " + (MAX_LEASE_MINUTES * 60) + " (1 minute to 1 day)" : null;
	}

	/** 0 turns the "too fast" flag off; ten minutes is longer than any task takes. */
	static String tooFastSeconds(int seconds) {
		return (seconds < 0 || seconds > MAX_TOO_FAST_SECONDS) ? "must be between 0 and " + MAX_TOO_FAST_SECONDS : null;
	}

	static String quota(Integer quota) {
		return (quota != null && quota < 1) ? "must be at least 1 when given" : null;
	}

	/** A category or setting a study is limited to. */
	static String listedName(String name) {
		return TextLimits.nameProblem(name, MAX_CATEGORY);
	}

	/**
	 * A task's counter: never negative, and never more than the study's k, which a real
	 * task needs (an attention check needs none).
	 */
	static String counter(int value, int k) {
		return (value < 0 || value > k) ? "must be between 0 and the study's ratingsPerTask (" + k + ")" : null;
	}

	/**
	 * The problems of a study's criteria, each naming the criterion's place
	 * ({@code criteria[1].label}); empty when they are fine.
	 */
	static List<FieldProblem> criteria(List<Criterion> criteria, String overall) {
		List<FieldProblem> problems = new ArrayList<>();
		if (overall != null && !overall.equals(StudyCriteria.OverallAnswer.ASKED)
				&& !overall.equals(StudyCriteria.OverallAnswer.DERIVED)) {
			problems.add(new FieldProblem("overall", "must be 'asked' or 'derived'"));
		}
		if (StudyCriteria.OverallAnswer.DERIVED.equals(overall) && criteria.isEmpty()) {
			problems.add(new FieldProblem("overall", "can be 'derived' only from criteria; the study defines none"));
		}
		if (criteria.size() > MAX_CRITERIA) {
			problems.add(new FieldProblem("criteria", "are more than " + MAX_CRITERIA + "; keep the ones that matter"));
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < criteria.size(); i++) {
			String field = "criteria[" + i + "]";
			Criterion criterion = criteria.get(i);
			if (criterion == null) {
				problems.add(new FieldProblem(field, "must be an object with an id and a label"));
				continue;
			}
			String id = criterion.id();
			if (id == null || id.isBlank()) {
				problems.add(new FieldProblem(field + ".id", "is required"));
			}
			else if (id.length() > MAX_CRITERION_ID || !CRITERION_ID.matcher(id).matches()) {
				problems.add(new FieldProblem(field + ".id", "must be a lowercase letter followed by lowercase letters,"
						+ " digits or _, at most " + MAX_CRITERION_ID + " characters"));
			}
			else if (!seen.add(id)) {
				problems.add(new FieldProblem(field + ".id", "'" + id + "' names a criterion twice"));
			}
			if (criterion.label() == null || criterion.label().isBlank()) {
				problems.add(new FieldProblem(field + ".label", "is required"));
			}
			text(field + ".label", criterion.label(), MAX_CRITERION_LABEL, problems);
			text(field + ".labelZh", criterion.labelZh(), MAX_CRITERION_LABEL, problems);
			text(field + ".help", criterion.help(), MAX_CRITERION_HELP, problems);
		}
		return problems;
	}

	private static void text(String field, String value, int max, List<FieldProblem> problems) {
		String problem = (value != null) ? TextLimits.problem(value, max) : null;
		if (problem != null) {
			problems.add(new FieldProblem(field, problem));
		}
	}

}
