/**
 * Rating: the rater's pages and API, the assignment engine with its leases, and the
 * judgments. Owns the {@code judgment} table ({@link dev.pairwise.rating.Winner} spells
 * its answers; {@link dev.pairwise.rating.JudgmentImports} stores judgments made
 * elsewhere) and announces every change of it as
 * {@link dev.pairwise.rating.JudgmentsChanged}. Writes {@code assignment},
 * {@code judgment}, {@code judgment_edit} and {@code task_flag}; a task's counters change
 * through study's {@link dev.pairwise.study.TaskPool}. Whether a rater may be given tasks
 * yet (consent, qualification, screening out) is asked of a
 * {@link dev.pairwise.rating.RaterAdmission}, which another feature implements.
 */
@ApplicationModule(allowedDependencies = { "bundle", "evalset", "importing", "study" })
package dev.pairwise.rating;

import org.springframework.modulith.ApplicationModule;
