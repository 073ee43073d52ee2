/**
 * Results: the statistics ({@code results.stats}, plain Java), their computation from a
 * study's judgments held in memory and kept up to date from
 * {@link dev.pairwise.rating.JudgmentsChanged} (across instances on PostgreSQL too), and
 * their presentation as page, JSON, CSV and SVG. Judgments of raters excluded through
 * {@link dev.pairwise.exclusion.RaterExclusions} are left out. Reads judgments, writes
 * nothing.
 */
@ApplicationModule(allowedDependencies = { "config", "evalset", "exclusion", "importing", "rating", "study" })
package dev.pairwise.results;

import org.springframework.modulith.ApplicationModule;
