package dev.pairwise.results.stats;

/**
 * Cohen's kappa of two raters over the tasks both judged.
 *
 * @param raterA the rater whose name sorts first
 * @param raterB the other rater
 * @param shared tasks both judged
 * @param cohenKappa (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>); null when the
 * expected agreement p<sub>e</sub> is 1 (both raters gave one and the same label
 * throughout, so kappa is 0 / 0)
 */
public record RaterPairKappa(String raterA, String raterB, int shared, Double cohenKappa) {

}
