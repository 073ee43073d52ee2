package dev.pairwise.results;

import java.util.List;
import java.util.stream.IntStream;

import dev.pairwise.results.stats.Judgment;
import dev.pairwise.results.stats.JudgmentTable;
import org.junit.jupiter.api.Test;

import static dev.pairwise.results.stats.Outcome.A;
import static dev.pairwise.results.stats.Outcome.B;
import static dev.pairwise.results.stats.Outcome.BOTH_BAD;
import static dev.pairwise.results.stats.Outcome.TIE;
import static org.assertj.core.api.Assertions.assertThat;

class HeldRowsTests {

	private static final List<Judgment> IN_ORDER = List.of(
			new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r1", true, 100, 200, false, false, 1_000),
			new Judgment("i2", "creativity", "few-shot", "y", "x", B, "r2", false, 120, 90, true, false, 2_000),
			new Judgment("i1", "planning", "zero-shot", "x", "z", TIE, "r3", null, 100, 300, false, true, -1),
			new Judgment("i3", "reasoning", "zero-shot-cot", "z", "y", BOTH_BAD, "r1", true, 300, 200, true, true,
					4_000),
			new Judgment("i2", "creativity", "few-shot", "x", "y", A, "r4", false, 120, 90, false, false, 5_000));

	@Test
	void rowsInsertedOutOfOrderAndReplacedGiveTheTableOfJudgmentsAddedInOrder() {
		Judgment wrong = new Judgment("i9", "other", "few-shot", "w", "x", B, "r9", null, 1, 1, false, false, -1);
		HeldRows rows = new HeldRows();
		assertThat(rows.put(40, 0, IN_ORDER.get(3))).isTrue();
		assertThat(rows.put(20, 1, IN_ORDER.get(1))).isTrue();
		assertThat(rows.put(10, 0, IN_ORDER.get(0))).isTrue();
		assertThat(rows.put(50, 1, wrong)).isTrue();
		assertThat(rows.put(30, 0, IN_ORDER.get(2))).isTrue();
		assertThat(rows.put(50, 1, IN_ORDER.get(4))).as("replaces the judgment of id 50").isFalse();

		assertThat(rows.size()).isEqualTo(5);
		assertThat(rows.storedRows()).isEqualTo(6);
		assertSameTable(rows.table(new int[] { 0, 1, 2, 3, 4 }), JudgmentTable.of(IN_ORDER));
		assertSameTable(rows.table(new int[] { 3, 1 }), JudgmentTable.of(List.of(IN_ORDER.get(3), IN_ORDER.get(1))));
		assertThat(List.of(rows.tag(0), rows.tag(1), rows.tag(2), rows.tag(3), rows.tag(4))).containsExactly(0, 1, 0, 0,
				1);
	}

	@Test
	void placesGrowPastTheirFirstCapacity() {
		HeldRows rows = new HeldRows();
		int count = rows.capacity() + 1;
		for (int id = count; id >= 1; id--) {
			rows.put(id, 0, IN_ORDER.get(id % IN_ORDER.size()));
		}
		JudgmentTable table = rows.table(IntStream.range(0, count).toArray());

		assertThat(table.size()).isEqualTo(count);
		for (int place = 0; place < count; place++) {
			assertThat(table.judgment(place)).isEqualTo(IN_ORDER.get((place + 1) % IN_ORDER.size()));
		}
	}

	private static void assertSameTable(JudgmentTable actual, JudgmentTable expected) {
		assertThat(actual.size()).isEqualTo(expected.size());
		for (int row = 0; row < expected.size(); row++) {
			assertThat(actual.judgment(row)).as("row %d", row).isEqualTo(expected.judgment(row));
		}
		assertThat(actual.models()).isEqualTo(expected.models());
	}

}
