/**
 * Results: the statistics ({@code results.stats}, plain Java), their computation from a
 * study's judgments held in memory and kept up to date from
 * {@link dev.pairwise.rating.JudgmentsChanged} (across instances on PostgreSQL too), and
 * their presentation as page, JSON, CSV and SVG. Reads judgments, writes nothing.
 */
@ApplicationModule(allowedDependencies = { "config", "importing", "rating", "study" })
package dev.pairwise.results;

import org.springframework.modulith.ApplicationModule;
