package dev.pairwise.rating;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.pairwise.rating.RatingRepository.CriterionAnswer;
import dev.pairwise.study.Criterion;
import dev.pairwise.study.Study;
import dev.pairwise.study.StudyCriteria;

import org.springframework.http.HttpStatus;

/**
 * The criteria part of an answer: every criterion of the study answered with Response 1,
 * Response 2 or tie (and a strength on a graded study when one side is better), nothing
 * else; and the overall choice a study derives from them.
 */
final class CriterionAnswers {

	private static final Set<String> CHOICES = Set.of(Choice.RESPONSE_1.id(), Choice.RESPONSE_2.id(), Choice.TIE.id());

	private CriterionAnswers() {
	}

	/**
	 * The answers in the study's order and in screen terms (1 = left), or a 400 naming
	 * the criterion that is missing, unknown or badly answered.
	 */
	static Map<String, CriterionAnswer> check(StudyCriteria criteria, Study.Scale scale,
			Map<String, CriterionCommand> given) {
		Map<String, CriterionCommand> answers = (given != null) ? given : Map.of();
		String known = String.join(", ", criteria.ids());
		for (String id : answers.keySet()) {
			if (criteria.find(id).isEmpty()) {
				throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.criterion",
						criteria.isEmpty() ? "This study has no criteria; leave \"criteria\" out." : "criteria names '"
								+ id + "', which is not a criterion of this study (its criteria: " + known + ").");
			}
		}
		Map<String, CriterionAnswer> checked = new LinkedHashMap<>();
		for (Criterion criterion : criteria.criteria()) {
			CriterionCommand answer = answers.get(criterion.id());
			if (answer == null || answer.choice() == null || answer.choice().isBlank()) {
				throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.criterion", "criteria." + criterion.id()
						+ " is missing: answer \"1\", \"2\" or \"tie\" for every criterion (" + known + ").");
			}
			if (!CHOICES.contains(answer.choice())) {
				throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.criterion", "criteria." + criterion.id()
						+ " must be \"1\", \"2\" or \"tie\", not '" + answer.choice() + "'.");
			}
			String strength = null;
			if (scale == Study.Scale.GRADED && !answer.choice().equals(Choice.TIE.id())) {
				strength = (answer.strength() == null || answer.strength().isBlank()) ? null : answer.strength();
				if (strength == null || !Answers.STRENGTHS.contains(strength)) {
					throw new RatingException(HttpStatus.BAD_REQUEST, "rate.error.criterionStrength",
							"criteria." + criterion.id()
									+ ": say how much better, strength \"slightly\", \"clearly\" or \"much\".");
				}
			}
			checked.put(criterion.id(), new CriterionAnswer(answer.choice(), strength));
		}
		return checked;
	}

	/**
	 * The overall choice of a study that derives it: the response more criteria prefer, a
	 * tie when as many prefer each.
	 */
	static String derivedChoice(Map<String, CriterionAnswer> screen) {
		long first = screen.values().stream().filter((a) -> a.winner().equals(Choice.RESPONSE_1.id())).count();
		long second = screen.values().stream().filter((a) -> a.winner().equals(Choice.RESPONSE_2.id())).count();
		if (first == second) {
			return Choice.TIE.id();
		}
		return (first > second) ? Choice.RESPONSE_1.id() : Choice.RESPONSE_2.id();
	}

	/** Screen terms (1 = left) to the task's model_a / model_b. */
	static Map<String, CriterionAnswer> toTaskTerms(Map<String, CriterionAnswer> screen, boolean leftIsA) {
		Map<String, CriterionAnswer> task = new LinkedHashMap<>();
		screen.forEach((id, answer) -> task.put(id,
				new CriterionAnswer(Choice.of(answer.winner()).winner(leftIsA), answer.strength())));
		return task;
	}

}
