/**
 * Power planning: before a study is bought, how wide the 95% intervals of its win rates
 * will be for a given number of judgments per task (k), and which k reaches a chosen
 * width. The arithmetic is {@link dev.pairwise.planning.PowerPlan} (plain Java); the
 * intra-item correlation it needs comes from the caller, from a study's own pilot
 * judgments ({@link dev.pairwise.planning.IntraItemCorrelation}) or from a stated
 * default. Reads items, outputs and judgments; writes nothing.
 */
@ApplicationModule(allowedDependencies = { "evalset", "rating", "study" })
package dev.pairwise.planning;

import org.springframework.modulith.ApplicationModule;
