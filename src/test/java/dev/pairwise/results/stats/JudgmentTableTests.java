package dev.pairwise.results.stats;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.pairwise.results.stats.Outcome.A;
import static dev.pairwise.results.stats.Outcome.B;
import static dev.pairwise.results.stats.Outcome.BOTH_BAD;
import static dev.pairwise.results.stats.Outcome.TIE;
import static org.assertj.core.api.Assertions.assertThat;

class JudgmentTableTests {

	private static final List<Judgment> IN_ORDER = List.of(
			new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r1", true, 100, 200, false, false, 1_000),
			new Judgment("i2", "creativity", "few-shot", "y", "x", B, "r2", false, 120, 90, true, false, 2_000),
			new Judgment("i1", "planning", "zero-shot", "x", "z", TIE, "r3", null, 100, 300, false, true, -1),
			new Judgment("i3", "reasoning", "zero-shot-cot", "z", "y", BOTH_BAD, "r1", true, 300, 200, true, true,
					4_000),
			new Judgment("i2", "creativity", "few-shot", "x", "y", A, "r4", false, 120, 90, false, false, 5_000));

	@Test
	void rowsSelectedOutOfTheOrderTheyWereAddedInGiveTheTableOfJudgmentsAddedInThatOrder() {
		Judgment other = new Judgment("i9", "other", "few-shot", "w", "x", B, "r9", null, 1, 1, false, false, -1);
		JudgmentTable.Builder builder = JudgmentTable.builder()
			.add(IN_ORDER.get(3))
			.add(IN_ORDER.get(1))
			.add(other)
			.add(IN_ORDER.get(0))
			.add(IN_ORDER.get(2))
			.add(IN_ORDER.get(4));

		assertSameTable(builder.build(new int[] { 3, 1, 4, 0, 5 }), JudgmentTable.of(IN_ORDER));
		assertSameTable(builder.build(new int[] { 0, 1 }), JudgmentTable.of(List.of(IN_ORDER.get(3), IN_ORDER.get(1))));
	}

	@Test
	void someRowsKeepTheirJudgmentsExactlyAndInTheGivenOrder() {
		JudgmentTable.Builder builder = JudgmentTable.builder();
		IN_ORDER.forEach(builder::add);
		JudgmentTable some = builder.build(new int[] { 2, 1 });

		assertThat(some.size()).isEqualTo(2);
		assertThat(some.judgment(0)).isEqualTo(IN_ORDER.get(2));
		assertThat(some.judgment(1)).isEqualTo(IN_ORDER.get(1));
		assertThat(some.models()).containsExactly("x", "z", "y");
		assertThat(some.itemIds).containsExactly("i1", "i2");
		assertThat(some.judges).containsExactly("r3", "r2");
	}

	private static void assertSameTable(JudgmentTable actual, JudgmentTable expected) {
		assertThat(actual.size()).isEqualTo(expected.size());
		for (int row = 0; row < expected.size(); row++) {
			assertThat(actual.judgment(row)).as("row %d", row).isEqualTo(expected.judgment(row));
		}
		assertThat(actual.itemIds).isEqualTo(expected.itemIds);
		assertThat(actual.models).isEqualTo(expected.models);
		assertThat(actual.judges).isEqualTo(expected.judges);
		assertThat(actual.categories).isEqualTo(expected.categories);
		assertThat(actual.settings).isEqualTo(expected.settings);
		assertThat(actual.item).isEqualTo(expected.item);
		assertThat(actual.judge).isEqualTo(expected.judge);
		assertThat(actual.itemCategory).isEqualTo(expected.itemCategory);
	}

}
