/** Untrusted Markdown rendered as sanitised HTML. Writes nothing. */
@ApplicationModule(allowedDependencies = {})
package dev.pairwise.markdown;

import org.springframework.modulith.ApplicationModule;
