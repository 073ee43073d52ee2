/**
 * Rater exclusion: an admin leaves a rater's judgments out of the results, with a reason,
 * and can take that back. Writes {@code rater_exclusion}. An excluded rater's judgments
 * stop counting toward their tasks' k (through study's
 * {@link dev.pairwise.study.TaskPool}, so the tasks go back to the pool), their leases
 * end, and the change is announced as a
 * {@link dev.pairwise.rating.JudgmentsChanged#wholeStudy whole-study} change of
 * judgments, so that results read the study again without them. Its bundle section
 * ({@link dev.pairwise.exclusion.ExclusionSection}) moves the exclusions with a study.
 */
@ApplicationModule(allowedDependencies = { "bundle", "rating", "study" })
package dev.pairwise.exclusion;

import org.springframework.modulith.ApplicationModule;
