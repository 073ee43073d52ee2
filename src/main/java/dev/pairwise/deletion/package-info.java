/**
 * Deleting an eval set, or a model's outputs on one, that no study uses: refused (409,
 * naming the studies) while a study of any state, archived ones included, uses it; else
 * each feature deletes the rows of its own tables (generation runs, samples and
 * selections, outputs and the models left without any, items and the set) in one
 * transaction. Writes nothing itself.
 */
@ApplicationModule(allowedDependencies = { "evalset", "generation", "output", "sampling", "study" })
package dev.pairwise.deletion;

import org.springframework.modulith.ApplicationModule;
