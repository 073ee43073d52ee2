package dev.pairwise;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Features talk to each other only through the public types at the top of their package.
 */
class ModularityTests {

	@Test
	void featuresRespectEachOthersInternals() {
		ApplicationModules.of(PairwiseApplication.class).verify();
	}

}
