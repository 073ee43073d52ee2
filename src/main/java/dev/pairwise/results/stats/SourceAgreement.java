package dev.pairwise.results.stats;

/**
 * How two sources of judgments (for instance the study's human raters and an imported LLM
 * judge) agree on the tasks both judged, labels X / Y / tie as in {@link Agreement}.
 *
 * @param sharedTasks tasks judged by both sources
 * @param crossPairs pairs of one judgment from each source on a shared task
 * @param pairwiseAgreement agreeing cross pairs / all cross pairs: the chance that a
 * judgment of one source and one of the other on the same task agree (MT-Bench's
 * agreement between two types of judges); null without a shared task
 * @param majorityTasks shared tasks where each source's judgments have a unique mode
 * @param majorityAgreement share of those tasks where the two modes are the same; null
 * without such a task
 * @param majorityCohenKappa Cohen's kappa of the two sources' modes over those tasks;
 * null without such a task or when the expected agreement is 1
 */
public record SourceAgreement(int sharedTasks, long crossPairs, Double pairwiseAgreement, int majorityTasks,
		Double majorityAgreement, Double majorityCohenKappa) {

}
