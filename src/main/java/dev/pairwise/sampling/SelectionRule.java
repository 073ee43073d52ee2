package dev.pairwise.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How one output is chosen among an item's samples. Pure: the same samples always give
 * the same decision, which is why a decision is recomputed from the stored samples and
 * rule rather than stored.
 */
public enum SelectionRule {

	/**
	 * The Flan paper's rule (Wei et al., 2022, appendix on the human evaluation): with m
	 * the median of the samples' log-probabilities, drop every sample whose
	 * log-probability is higher than m / 2 (log-probabilities are negative, so m / 2 is
	 * the higher bound: those samples are the repetitive ones), then keep the highest
	 * log-probability of the rest, without length normalisation. The median of an even
	 * count is the mean of the two middle values. If every sample is dropped, the lowest
	 * log-probability is kept and the item is marked.
	 */
	FLAN("flan", true),

	/** The highest log-probability, nothing dropped. */
	HIGHEST_LOGPROB("highest-logprob", true),

	/** The lowest sample index: for endpoints that offer no log-probabilities. */
	FIRST("first", false);

	static final String CHOSEN = "chosen";

	static final String ABOVE_THRESHOLD = "above-threshold";

	static final String LOWER_LOGPROB = "lower-logprob";

	static final String LATER_SAMPLE = "later-sample";

	private final String id;

	private final boolean needsLogprobs;

	SelectionRule(String id, boolean needsLogprobs) {
		this.id = id;
		this.needsLogprobs = needsLogprobs;
	}

	public String id() {
		return this.id;
	}

	public boolean needsLogprobs() {
		return this.needsLogprobs;
	}

	/** The rule with this id, or null. */
	public static SelectionRule of(String id) {
		for (SelectionRule rule : values()) {
			if (rule.id.equals(id)) {
				return rule;
			}
		}
		return null;
	}

	public static String ids() {
		return String.join(", ", Arrays.stream(values()).map(SelectionRule::id).toList());
	}

	/**
	 * Decides among the samples of one item (at least one; every logprob present when the
	 * rule needs them). Ties are broken by the lower sample index.
	 */
	Decision decide(List<Candidate> samples) {
		List<Candidate> byIndex = samples.stream().sorted(Comparator.comparingInt(Candidate::sample)).toList();
		return switch (this) {
			case FIRST -> first(byIndex);
			case HIGHEST_LOGPROB -> best(byIndex, null, null);
			case FLAN -> flan(byIndex);
		};
	}

	private static Decision first(List<Candidate> byIndex) {
		List<Verdict> verdicts = new ArrayList<>();
		for (Candidate candidate : byIndex) {
			boolean chosen = verdicts.isEmpty();
			verdicts.add(new Verdict(candidate.sample(), true, chosen ? CHOSEN : LATER_SAMPLE));
		}
		return new Decision(byIndex.get(0).sample(), null, null, false, verdicts);
	}

	private static Decision flan(List<Candidate> byIndex) {
		double median = median(byIndex.stream().mapToDouble(Candidate::logprob).toArray());
		double threshold = median / 2;
		List<Candidate> kept = byIndex.stream().filter((candidate) -> candidate.logprob() <= threshold).toList();
		if (kept.isEmpty()) {
			Candidate lowest = byIndex.stream()
				.min(Comparator.comparingDouble(Candidate::logprob).thenComparingInt(Candidate::sample))
				.orElseThrow();
			List<Verdict> verdicts = byIndex.stream()
				.map((candidate) -> new Verdict(candidate.sample(), false,
						(candidate == lowest) ? CHOSEN : ABOVE_THRESHOLD))
				.toList();
			return new Decision(lowest.sample(), median, threshold, true, verdicts);
		}
		return best(byIndex, median, threshold);
	}

	/**
	 * The highest log-probability among the samples at or under the threshold (all of
	 * them when there is none).
	 */
	private static Decision best(List<Candidate> byIndex, Double median, Double threshold) {
		Candidate best = null;
		for (Candidate candidate : byIndex) {
			boolean kept = threshold == null || candidate.logprob() <= threshold;
			if (kept && (best == null || candidate.logprob() > best.logprob())) {
				best = candidate;
			}
		}
		List<Verdict> verdicts = new ArrayList<>();
		for (Candidate candidate : byIndex) {
			boolean kept = threshold == null || candidate.logprob() <= threshold;
			String reason = !kept ? ABOVE_THRESHOLD
					: (candidate == best) ? CHOSEN : (candidate.logprob().doubleValue() == best.logprob().doubleValue())
							? LATER_SAMPLE : LOWER_LOGPROB;
			verdicts.add(new Verdict(candidate.sample(), kept, reason));
		}
		return new Decision(best.sample(), median, threshold, false, verdicts);
	}

	/**
	 * The middle value of an odd count; the mean of the two middle values of an even one.
	 */
	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** One sample as a rule sees it: its index and total log-probability. */
	record Candidate(int sample, Double logprob) {
	}

	/**
	 * What happened to one sample: kept by the filter or not, and why it was (not)
	 * chosen.
	 */
	record Verdict(int sample, boolean kept, String reason) {
	}

	/**
	 * The chosen sample, the median and threshold (flan only), whether every sample was
	 * dropped, and each sample's verdict in index order.
	 */
	record Decision(int chosen, Double median, Double threshold, boolean allDropped, List<Verdict> verdicts) {
	}

}
