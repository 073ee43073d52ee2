/**
 * What every feature runs on: settings, security (who may call what, sign-in, CSRF,
 * headers), error pages, the data directory and its start-up lock, and streaming reads of
 * large results. Writes {@code startup_lock}; the accounts are the account feature's.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pairwise.config;

import org.springframework.modulith.ApplicationModule;
