/**
 * Moving a study between instances: a full export as one JSON bundle (its eval set, the
 * outputs of its models, the study, tasks, raters without their tokens, assignments,
 * judgments with their edit trail, and flags) and its import as one transaction, which is
 * also how a study moves from H2 to PostgreSQL. A bundle is a snapshot of rows across the
 * features' tables, counters and states included, so this feature reads and writes those
 * tables in plain SQL rather than through the features' services, which create fresh
 * state.
 */
package dev.pairwise.transfer;
