package dev.pairwise.sampling;

/**
 * One sample of an item with its verdict: {@code kept} by the filter or not, and the
 * reason: {@code chosen}, {@code above-threshold}, {@code lower-logprob} or
 * {@code later-sample} (a tie, or not the first under the rule 'first').
 */
record SampleVerdict(int sample, String output, Double logprob, boolean kept, String reason) {
}
