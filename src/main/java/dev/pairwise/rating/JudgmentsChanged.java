package dev.pairwise.rating;

/**
 * Published after a transaction that stored or changed judgments of a study commits, so
 * that cached results of that study are dropped.
 */
public record JudgmentsChanged(long studyId) {
}
