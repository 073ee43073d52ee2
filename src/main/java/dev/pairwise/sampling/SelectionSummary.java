package dev.pairwise.sampling;

import java.io.Serializable;

/**
 * What a selection did: for how many items, over how many samples, how many all dropped.
 * Serializable, as the upload page keeps it in the session for the next page.
 */
record SelectionSummary(String model, String rule, int items, int samples, int allDropped) implements Serializable {
}
