/**
 * Studies: their models, tasks, invite links and states, and the count of open tasks.
 * Writes {@code study}, {@code study_model}, {@code task}, {@code rater} and
 * {@code open_task_count}.
 */
@ApplicationModule(allowedDependencies = { "evalset", "output" })
package dev.pairwise.study;

import org.springframework.modulith.ApplicationModule;
