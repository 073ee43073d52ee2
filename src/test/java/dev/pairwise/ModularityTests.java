package dev.pairwise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Features talk to each other only through the public types at the top of their package,
 * and only to the features their {@code package-info.java} allows.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(PairwiseApplication.class);

	private static final Path DOCUMENTATION = Path.of("docs", "modules");

	/** How the component diagram names a feature, before its display name. */
	private static final String COMPONENT = "PairwiseApplication.PairwiseApplication.";

	@Test
	void featuresRespectEachOthersInternalsAndAllowedDependencies() {
		MODULES.verify();
	}

	/**
	 * Writes the module documentation (a component diagram of all features, one per
	 * feature, and a canvas per feature) into {@code docs/modules}, so that the committed
	 * copy follows the code. A feature no other Java code uses (markdown, called from the
	 * templates) is drawn too: Documenter leaves such features out by default.
	 */
	@Test
	void theModuleDocumentationShowsEveryFeatureAndItsDependencies() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCUMENTATION.toString()))
			.writeDocumentation(
					DiagramOptions.defaults().withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE),
					CanvasOptions.defaults());

		String overview = Files.readString(DOCUMENTATION.resolve("components.puml"));
		for (ApplicationModule module : MODULES) {
			assertThat(overview).as("the component diagram draws " + module.getIdentifier())
				.contains("Component(" + COMPONENT + module.getDisplayName() + ",");
			assertThat(DOCUMENTATION.resolve("module-" + module.getIdentifier() + ".puml")).exists();
			assertThat(DOCUMENTATION.resolve("module-" + module.getIdentifier() + ".adoc")).exists();
			module.getDirectDependencies(MODULES)
				.stream()
				.forEach((dependency) -> assertThat(overview).contains(arrow(module, dependency.getTargetModule())));
		}
	}

	/** How the component diagram draws a dependency. */
	private static String arrow(ApplicationModule from, ApplicationModule to) {
		return "Rel(" + COMPONENT + from.getDisplayName() + ", " + COMPONENT + to.getDisplayName() + ",";
	}

}
