package dev.pairwise.results;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelOrderTests {

	@Test
	void numbersInLabelsSortByValueAndTheRestAsText() {
		List<String> labels = new ArrayList<>(List.of("r10", "rater-2", "r2", "b", "r1", "r01", "a10", "a9x",
				"r100000000000000000000", "r99999999999999999999", "R3", "r"));
		labels.sort(LabelOrder.NATURAL);

		assertThat(labels).containsExactly("R3", "a9x", "a10", "b", "r", "r01", "r1", "r2", "r10",
				"r99999999999999999999", "r100000000000000000000", "rater-2");
	}

	@Test
	void labelsThatDifferOnlyInLeadingZerosAreNotEqual() {
		assertThat(LabelOrder.NATURAL.compare("r01", "r1")).isNegative();
		assertThat(LabelOrder.NATURAL.compare("r1", "r01")).isPositive();
		assertThat(LabelOrder.NATURAL.compare("r1", "r1")).isZero();
	}

}
