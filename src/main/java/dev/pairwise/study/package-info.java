/**
 * Studies: their models, tasks, invite links and states, and the count of open tasks.
 * Writes {@code study}, {@code study_model}, {@code task}, {@code rater} and
 * {@code open_task_count}; {@link dev.pairwise.study.TaskPool} makes every change of a
 * task's counters and of the open-task count.
 */
@ApplicationModule(allowedDependencies = { "bundle", "evalset", "importing", "output" })
package dev.pairwise.study;

import org.springframework.modulith.ApplicationModule;
