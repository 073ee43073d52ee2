/**
 * Moving a study between instances: a full export as one JSON bundle (its eval set, the
 * outputs of its models, the study, tasks, raters without their tokens, assignments,
 * judgments with their edit trail, flags and rater exclusions) and its import as one
 * transaction, which is also how a study moves from H2 to PostgreSQL. A bundle is a
 * snapshot of rows across the features' tables, counters and states included, so each
 * feature writes and reads the sections of its own tables ({@code EvalSetSection},
 * {@code OutputSection}, {@code StudySection}, {@code RatingSection},
 * {@code ExclusionSection}); this feature frames the bundle, puts the sections in order,
 * hands each reader the new ids of the rows its rows refer to, and runs the import in one
 * transaction.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle", "config", "evalset", "exclusion", "importing", "output",
		"rating", "study" })
package dev.pairwise.transfer;

import org.springframework.modulith.ApplicationModule;
