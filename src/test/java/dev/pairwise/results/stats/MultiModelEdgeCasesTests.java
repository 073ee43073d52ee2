package dev.pairwise.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MultiModelEdgeCasesTests {

	private static final double TOLERANCE = 1e-9;

	@Test
	void twoModelsAreRatedByTheLogOddsOfTheirObservedWinRate() {
		// x wins 3 of 4: strengths in ratio 3, so 400·log10(3) Elo points apart around
		// 1000.
		List<Judgment> judgments = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			judgments.add(judgment("i" + i, "x", "y", (i < 3) ? Outcome.A : Outcome.B));
		}
		MultiModelResult result = PairwiseStatistics.rank(JudgmentTable.of(judgments), Bootstrap.withSeed(1));
		double gap = 400 * Math.log10(3);
		assertEquals("x", result.ratings().get(0).model());
		assertEquals(1000 + gap / 2, result.ratings().get(0).elo(), TOLERANCE);
		assertEquals(1000 - gap / 2, result.ratings().get(1).elo(), TOLERANCE);
		assertEquals(0.75, result.winProbability().get("x").get("y"), TOLERANCE);
		assertEquals(new PairwiseCell(4, 0.75), result.observed().get("x").get("y"));
		assertEquals(new PairwiseCell(4, 0.25), result.observed().get("y").get("x"));
	}

	@Test
	void tiesAreHalfAWinEachWay() {
		List<Judgment> judgments = List.of(judgment("i1", "x", "y", Outcome.TIE),
				judgment("i2", "y", "x", Outcome.BOTH_BAD));
		MultiModelResult result = PairwiseStatistics.rank(JudgmentTable.of(judgments), Bootstrap.withSeed(1));
		assertTrue(result.ratingsEstimable());
		assertEquals(1000, result.ratings().get(0).elo(), TOLERANCE);
		assertEquals(0.5, result.winProbability().get("x").get("y"), TOLERANCE);
	}

	@Test
	void aModelThatNeverScoresMakesTheRatingsNotEstimable() {
		List<Judgment> judgments = List.of(judgment("i1", "x", "y", Outcome.A), judgment("i1", "y", "z", Outcome.A),
				judgment("i2", "x", "z", Outcome.A), judgment("i2", "y", "x", Outcome.A));
		MultiModelResult result = PairwiseStatistics.rank(JudgmentTable.of(judgments), Bootstrap.withSeed(1));
		assertFalse(result.ratingsEstimable());
		assertEquals(List.of("x", "y", "z"), result.ratings().stream().map(ModelRating::model).toList());
		assertNull(result.ratings().get(2).elo());
		assertTrue(result.winProbability().isEmpty());
		assertEquals(new PairwiseCell(1, 0.0), result.observed().get("z").get("y"));
		assertEquals(0, result.bootstrapReplicatesUsed());
	}

	@Test
	void replicatesWithoutAnEstimateAreLeftOutAndCounted() {
		// Two items only: a replicate drawing item i1 twice has x winning everything.
		List<Judgment> judgments = List.of(judgment("i1", "x", "y", Outcome.A), judgment("i2", "x", "y", Outcome.B));
		MultiModelResult result = PairwiseStatistics.rank(JudgmentTable.of(judgments), new Bootstrap(400, 9));
		assertTrue(result.ratingsEstimable());
		assertTrue(result.bootstrapReplicatesUsed() > 100 && result.bootstrapReplicatesUsed() < 300,
				() -> "about half the replicates, got " + result.bootstrapReplicatesUsed());
	}

	@Test
	void noJudgmentsGiveNoRatings() {
		MultiModelResult result = PairwiseStatistics.rank(JudgmentTable.of(List.of()), Bootstrap.withSeed(1));
		assertFalse(result.ratingsEstimable());
		assertTrue(result.ratings().isEmpty());
		assertTrue(result.observed().isEmpty());
	}

	private static Judgment judgment(String item, String modelA, String modelB, Outcome outcome) {
		return new Judgment(item, "planning", "zero-shot", modelA, modelB, outcome, "r1", true, 100, 100, false, false,
				-1);
	}

}
