/**
 * What every upload shares: size limits, strict UTF-8, JSON Lines and CSV reading, the
 * all-or-nothing error list, and the defusing of formula-like CSV cells. Writes nothing.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pairwise.importing;

import org.springframework.modulith.ApplicationModule;
