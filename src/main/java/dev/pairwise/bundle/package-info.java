/**
 * The building blocks of a study bundle, shared by the features that own its sections: a
 * writer that streams a query's rows as a section, an element reader that names the line
 * and field of each problem, batched inserts that record each row's new id under its old
 * one, and the map of those ids. Each feature writes and reads the rows of its own tables
 * (evalset, output, study, rating); {@code transfer} frames the bundle, orders the
 * sections and runs the import in one transaction.
 */
@ApplicationModule(allowedDependencies = "importing")
package dev.pairwise.bundle;

import org.springframework.modulith.ApplicationModule;
