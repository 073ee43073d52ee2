/**
 * What every feature runs on: settings, security (admin account, CSRF, headers), error
 * pages, the data directory and its start-up lock, and streaming reads of large results.
 * Writes {@code admin_user} and {@code startup_lock}.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pairwise.config;

import org.springframework.modulith.ApplicationModule;
