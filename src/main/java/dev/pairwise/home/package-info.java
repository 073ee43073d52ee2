/** The start page: eval sets, studies and their progress at a glance. Writes nothing. */
@ApplicationModule(allowedDependencies = { "evalset", "output", "study" })
package dev.pairwise.home;

import org.springframework.modulith.ApplicationModule;
