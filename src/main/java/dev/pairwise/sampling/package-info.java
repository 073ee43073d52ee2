/**
 * Samples and selection, the front half of the Flan paper's output protocol: several
 * sampled responses per (item, model) with their log-probabilities, imported or
 * generated, and the rule that picks the one raters see ({@code flan},
 * {@code highest-logprob}, {@code first}). The chosen sample becomes the model's output
 * through the {@code output} feature. Writes {@code sample} and {@code sample_selection}.
 */
@ApplicationModule(allowedDependencies = { "config", "evalset", "importing", "output", "study" })
package dev.pairwise.sampling;

import org.springframework.modulith.ApplicationModule;
