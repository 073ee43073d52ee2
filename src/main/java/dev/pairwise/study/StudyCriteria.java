package dev.pairwise.study;

import java.util.List;
import java.util.Optional;

/**
 * The criteria a study asks for, in the study's order, and whether the overall answer is
 * asked of the rater or derived from the criteria (the side more criteria prefer; a tie
 * when as many prefer each side).
 */
public record StudyCriteria(List<Criterion> criteria, boolean derived) {

	public static final StudyCriteria NONE = new StudyCriteria(List.of(), false);

	public StudyCriteria {
		criteria = List.copyOf(criteria);
	}

	public boolean isEmpty() {
		return this.criteria.isEmpty();
	}

	public List<String> ids() {
		return this.criteria.stream().map(Criterion::id).toList();
	}

	public Optional<Criterion> find(String id) {
		return this.criteria.stream().filter((criterion) -> criterion.id().equals(id)).findFirst();
	}

	/** How the study's overall answer comes about: {@code asked} or {@code derived}. */
	public String overallAnswer() {
		return this.derived ? OverallAnswer.DERIVED : OverallAnswer.ASKED;
	}

	/** The spellings of {@link #overallAnswer()}. */
	public static final class OverallAnswer {

		public static final String ASKED = "asked";

		public static final String DERIVED = "derived";

		private OverallAnswer() {
		}

	}

}
