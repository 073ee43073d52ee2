package dev.pairwise.sampling;

/**
 * What a selection did: for how many items, over how many samples, how many all dropped.
 */
record SelectionSummary(String model, String rule, int items, int samples, int allDropped) {
}
