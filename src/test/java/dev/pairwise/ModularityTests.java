package dev.pairwise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Features talk to each other only through the public types at the top of their package,
 * and only to the features their {@code package-info.java} allows.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(PairwiseApplication.class);

	private static final Path DOCUMENTATION = Path.of("docs", "modules");

	@Test
	void featuresRespectEachOthersInternalsAndAllowedDependencies() {
		MODULES.verify();
	}

	/**
	 * Writes the module documentation (a component diagram of all features, one per
	 * feature, and a canvas per feature) into {@code docs/modules}, so that the committed
	 * copy follows the code.
	 */
	@Test
	void theModuleDocumentationShowsEveryFeatureAndItsDependencies() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCUMENTATION.toString()))
			.writeDocumentation();

		String overview = Files.readString(DOCUMENTATION.resolve("components.puml"));
		for (ApplicationModule module : MODULES) {
			assertThat(DOCUMENTATION.resolve("module-" + module.getIdentifier() + ".puml")).exists();
			assertThat(DOCUMENTATION.resolve("module-" + module.getIdentifier() + ".adoc")).exists();
			module.getDirectDependencies(MODULES)
				.stream()
				.forEach((dependency) -> assertThat(overview).contains(arrow(module, dependency.getTargetModule())));
		}
	}

	/** How the component diagram draws a dependency. */
	private static String arrow(ApplicationModule from, ApplicationModule to) {
		String component = "PairwiseApplication.PairwiseApplication.";
		return "Rel(" + component + from.getDisplayName() + ", " + component + to.getDisplayName() + ",";
	}

}
