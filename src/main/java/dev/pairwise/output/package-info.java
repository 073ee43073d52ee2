/**
 * Models and their outputs for an eval set: uploads, the outputs folder and the pages.
 * Writes {@code model} and {@code output}.
 */
@ApplicationModule(allowedDependencies = { "bundle", "config", "evalset", "importing" })
package dev.pairwise.output;

import org.springframework.modulith.ApplicationModule;
