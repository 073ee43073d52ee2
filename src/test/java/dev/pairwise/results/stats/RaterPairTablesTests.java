package dev.pairwise.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RaterPairTablesTests {

	@Test
	void manyRatersGiveTheSameKappasAsFew() {
		int manyRaters = 1500;
		String[] names = new String[manyRaters];
		Arrays.setAll(names, (rater) -> String.format("r%04d", rater));
		RaterPairTables few = new RaterPairTables(4);
		RaterPairTables many = new RaterPairTables(manyRaters);
		int[] raters = { 0, 1, 2, 3, 0, 2, 3, 1, 3 };
		byte[] labels = { 0, 0, 1, 2, 1, 1, 0, 2, 2 };
		int[][] tasks = { { 0, 4 }, { 4, 7 }, { 7, 9 } };
		for (int[] task : tasks) {
			few.addTask(raters, labels, task[0], task[1]);
			many.addTask(raters, labels, task[0], task[1]);
		}
		assertEquals(few.kappas(names), many.kappas(names));
		assertEquals(6, few.kappas(names).size());
	}

}
