package dev.pairwise.results;

import dev.pairwise.results.stats.TiePolicy;

/**
 * What a caller asks of a study's results; also the cache key with the study id.
 *
 * @param studyId the study
 * @param ties how ties count in the headline win rate and its bootstrap interval
 * @param source only judgments of this source ({@code raters}, {@code import:<name>}), or
 * null for all
 * @param focal the focal model X
 * @param bootstrap bootstrap replicates
 * @param criterion the criterion whose answers are analysed instead of the overall ones,
 * or null for the overall answers
 */
record ResultsQuery(long studyId, TiePolicy ties, String source, String focal, int bootstrap, String criterion) {
}
