/**
 * Eval sets and their items: the folder loaded at start-up, the upload API and the pages.
 * Writes {@code eval_set} and {@code item}.
 */
@ApplicationModule(allowedDependencies = { "bundle", "config", "importing" })
package dev.pairwise.evalset;

import org.springframework.modulith.ApplicationModule;
