/**
 * Admin-side accounts with their roles (owner, researcher, viewer), their passwords and
 * sessions, and the API tokens scripts use. Writes {@code account} and {@code api_token};
 * the rules of which role may call what are in {@code config}'s security configuration.
 */
@ApplicationModule(allowedDependencies = { "config" })
package dev.pairwise.account;

import org.springframework.modulith.ApplicationModule;
