package dev.pairwise.results.stats;

import static dev.pairwise.results.stats.Outcome.A;
import static dev.pairwise.results.stats.Outcome.B;
import static dev.pairwise.results.stats.Outcome.BOTH_BAD;
import static dev.pairwise.results.stats.Outcome.TIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Hand-made cases for what the reference cases do not reach: empty, degenerate and
 * boundary inputs.
 */
class TwoModelEdgeCasesTests {

	private static final double TOLERANCE = 1e-12;

	@Test
	void noJudgmentsGiveEmptyFiguresAndNullsRatherThanNaN() {
		TwoModelResult result = compare(List.of(), TiePolicy.HALF, Bootstrap.withSeed(1));
		WinRate overall = result.overall();
		assertEquals(0, overall.n());
		assertNull(overall.winRate());
		assertNull(overall.standardError());
		assertNull(overall.winRateExcludingTies());
		assertNull(overall.bootstrap95());
		assertNull(overall.wilson95());
		assertEquals(1.0, overall.signTestP());
		assertTrue(result.byCategory().isEmpty());
		assertTrue(result.byCategoryAndSetting().isEmpty());
		assertEquals(new Agreement(0, null, null, null, null, List.of()), result.agreement());
		assertEquals(new PositionBias(0, 0, null, 1.0), result.positionBias());
		assertEquals(new LengthPreference(0, 0, null, null, null), result.lengthPreference());
		assertTrue(result.raters().isEmpty());
	}

	@Test
	void aModelThatNeverAppearsGivesEmptyFigures() {
		JudgmentTable table = JudgmentTable.of(List.of(Judgments.of("i1", "r1", A)));
		TwoModelResult result = PairwiseStatistics.compare(table, "x", "z", TiePolicy.HALF, Bootstrap.withSeed(1),
				Map.of());
		assertEquals(0, result.overall().n());
	}

	@Test
	void comparingAModelWithItselfIsRefused() {
		JudgmentTable table = JudgmentTable.of(List.of(Judgments.of("i1", "r1", A)));
		assertThrows(IllegalArgumentException.class,
				() -> PairwiseStatistics.compare(table, "x", "x", TiePolicy.HALF, Bootstrap.withSeed(1), Map.of()));
	}

	@Test
	void allTiesGiveHalfWinRateAndLeaveDecisiveFiguresUndefined() {
		List<Judgment> judgments = List.of(Judgments.of("i1", "r1", TIE), Judgments.of("i1", "r2", BOTH_BAD),
				Judgments.of("i2", "r1", TIE), Judgments.of("i2", "r2", TIE));
		TwoModelResult result = compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(1));
		WinRate overall = result.overall();
		assertEquals(0.5, overall.winRate());
		assertEquals(0.0, overall.standardError());
		assertNull(overall.winRateExcludingTies());
		assertNull(overall.wilson95());
		assertEquals(1.0, overall.signTestP());
		assertEquals(new Interval(0.5, 0.5), overall.bootstrap95());
		Agreement agreement = result.agreement();
		assertEquals(1.0, agreement.pairwiseAgreement());
		assertEquals(1.0, agreement.leaveOneOutModeAgreement());
		assertNull(agreement.krippendorffAlphaNominal(), "no expected disagreement");
		assertNull(agreement.fleissKappa(), "expected agreement is 1");
		assertEquals(List.of(new RaterPairKappa("r1", "r2", 2, null)), agreement.cohenKappaByRaterPair());

		assertNull(compare(judgments, TiePolicy.EXCLUDE, Bootstrap.withSeed(1)).overall().bootstrap95(),
				"excluding ties leaves nothing to estimate");
	}

	@Test
	void bothBadCountsAsATieAndIsAlsoReportedApart() {
		WinRate overall = compare(List.of(Judgments.of("i1", "r1", BOTH_BAD), Judgments.of("i2", "r1", A)),
				TiePolicy.HALF, Bootstrap.withSeed(1))
			.overall();
		assertEquals(1, overall.ties());
		assertEquals(1, overall.bothBad());
		assertEquals(0.75, overall.winRate());
	}

	@Test
	void aSingleRaterLeavesAgreementUndefinedAndIsNotFlagged() {
		TwoModelResult result = compare(List.of(Judgments.of("i1", "solo", A), Judgments.of("i2", "solo", B)),
				TiePolicy.HALF, Bootstrap.withSeed(1));
		assertEquals(new Agreement(0, null, null, null, null, List.of()), result.agreement());
		RaterQuality solo = result.raters().get(0);
		assertEquals(2, solo.judgments());
		assertEquals(0, solo.agreementJudgments());
		assertNull(solo.leaveOneOutAgreement());
		assertEquals(10.0, solo.medianSeconds());
		assertTrue(solo.flags().isEmpty());
	}

	@Test
	void aNonUniqueModeOfTheOthersScoresOneOverTheNumberOfModes() {
		// Labels X, Y, Y: the X judgment faces the unique mode Y (0); each Y faces {X, Y}
		// (½ each).
		Agreement agreement = compare(
				List.of(Judgments.of("i1", "r1", A), Judgments.of("i1", "r2", B), Judgments.of("i1", "r3", B)),
				TiePolicy.HALF, Bootstrap.withSeed(1))
			.agreement();
		assertEquals(1.0 / 3, agreement.leaveOneOutModeAgreement(), TOLERANCE);
		assertEquals(1.0 / 3, agreement.pairwiseAgreement(), TOLERANCE);
		assertEquals(1, agreement.ratedTasks());
	}

	@Test
	void theOrientationOfEachRowDoesNotChangeAnyFigure() {
		List<Judgment> judgments = new ArrayList<>();
		List<Judgment> mirrored = new ArrayList<>();
		Outcome[] outcomes = { A, A, B, TIE, BOTH_BAD, A, B, A };
		for (int i = 0; i < 40; i++) {
			Judgment judgment = new Judgment("i" + i / 2, (i % 3 == 0) ? "creativity" : "planning", "zero-shot", "x",
					"y", outcomes[i % outcomes.length], "r" + i % 2, i % 3 != 0, 100 + i * 7, 300, i % 5 == 0,
					i % 7 == 0, 1000 * i);
			judgments.add(judgment);
			mirrored.add((i % 2 == 0) ? Judgments.mirrored(judgment) : judgment);
		}
		assertEquals(compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(3)),
				compare(mirrored, TiePolicy.HALF, Bootstrap.withSeed(3)));
	}

	@Test
	void failsAreCountedForTheModelWhoseResponseFailed() {
		Judgment focalFails = new Judgment("i1", "planning", "zero-shot", "y", "x", B, "r1", true, 10, 10, false, true,
				-1);
		WinRate overall = compare(List.of(focalFails), TiePolicy.HALF, Bootstrap.withSeed(1)).overall();
		assertEquals(1, overall.focalFails());
		assertEquals(0, overall.otherFails());
		assertEquals(1, overall.wins());
	}

	@Test
	void aGroupOfOneItemHasNoBootstrapInterval() {
		TwoModelResult result = compare(
				List.of(Judgments.of("i1", "creativity", "r1", A), Judgments.of("i1", "creativity", "r2", B),
						Judgments.of("i2", "planning", "r1", A), Judgments.of("i3", "planning", "r1", B)),
				TiePolicy.HALF, Bootstrap.withSeed(1));
		assertEquals(1, result.byCategory().get("creativity").items());
		assertNull(result.byCategory().get("creativity").bootstrap95());
		assertNotNull(result.byCategory().get("planning").bootstrap95());
		assertNotNull(result.overall().bootstrap95());
	}

	@Test
	void theBootstrapIsReproducibleForASeedAndChangesWithTheSeed() {
		List<Judgment> judgments = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			judgments.add(Judgments.of("i" + i % 60, "r" + i % 7, (i % 3 == 0) ? B : (i % 5 == 0) ? TIE : A));
		}
		Interval first = compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(11)).overall().bootstrap95();
		assertEquals(first, compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(11)).overall().bootstrap95());
		assertNotEquals(first, compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(12)).overall().bootstrap95());
		assertNull(compare(judgments, TiePolicy.HALF, new Bootstrap(0, 11)).overall().bootstrap95(), "bootstrap off");
	}

	@Test
	void theExcludePolicyBootstrapsWinsAmongDecisiveJudgments() {
		List<Judgment> judgments = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			judgments.add(Judgments.of("i" + i % 50, "r" + i % 4, (i % 2 == 0) ? TIE : A));
		}
		WinRate overall = compare(judgments, TiePolicy.EXCLUDE, Bootstrap.withSeed(5)).overall();
		assertEquals(1.0, overall.winRateExcludingTies());
		assertEquals(new Interval(1.0, 1.0), overall.bootstrap95());
		assertEquals(1.0, overall.winRate());
		assertEquals(0.75, compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(5)).overall().winRate());
	}

	@Test
	void excludingTiesPutsNWinRateAndStandardErrorOnTheDecisiveJudgmentsAlone() {
		List<Judgment> judgments = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			judgments.add(Judgments.of("i" + i % 50, "r" + i % 4, (i % 4 == 0) ? TIE : (i % 4 == 1) ? B : A));
		}
		WinRate half = compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(5)).overall();
		WinRate excluded = compare(judgments, TiePolicy.EXCLUDE, Bootstrap.withSeed(5)).overall();
		assertEquals(200, half.n());
		assertEquals(0.625, half.winRate(), TOLERANCE);
		assertEquals(150, excluded.n(), "wins + losses");
		assertEquals(50, excluded.ties(), "ties are still counted");
		assertEquals(2.0 / 3, excluded.winRate(), TOLERANCE);
		assertEquals(excluded.winRateExcludingTies(), excluded.winRate());
		assertEquals(Math.sqrt((2.0 / 3) * (1.0 / 3) / 149), excluded.standardError(), TOLERANCE,
				"sample SD (n - 1) of 100 ones and 50 zeros over the square root of 150");
		assertEquals(half.wilson95(), excluded.wilson95(), "Wilson is on wins among wins + losses either way");
		assertTrue(excluded.bootstrap95().contains(excluded.winRate()));
	}

	@Test
	void lengthPreferenceCountsOnlyClearDifferencesAndAveragesOutputsOverDistinctItems() {
		List<Judgment> judgments = List.of(
				new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r1", true, 500, 100, false, false, -1),
				new Judgment("i1", "planning", "zero-shot", "x", "y", B, "r2", true, 500, 100, false, false, -1),
				new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r3", true, 500, 100, false, false, -1),
				new Judgment("i2", "planning", "zero-shot", "y", "x", A, "r1", true, 120, 100, false, false, -1),
				new Judgment("i3", "planning", "zero-shot", "x", "y", TIE, "r1", true, 900, 100, false, false, -1),
				new Judgment("i4", "planning", "zero-shot", "x", "y", A, "r1", true, -1, -1, false, false, -1));
		LengthPreference preference = compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(1)).lengthPreference();
		assertEquals(3, preference.counted(), "i2 differs by 20 characters, i3 is a tie, i4 has no lengths");
		assertEquals(2, preference.longerChosen());
		assertEquals(2.0 / 3, preference.preferLongerRate(), TOLERANCE);
		assertEquals((500 + 100 + 900) / 3.0, preference.focalMeanLength(), TOLERANCE);
		assertEquals((100 + 120 + 100) / 3.0, preference.otherMeanLength(), TOLERANCE);
	}

	@Test
	void positionBiasFollowsWhatWasShownOnTheLeft() {
		List<Judgment> judgments = List.of(
				new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r1", true, 1, 1, false, false, -1),
				new Judgment("i2", "planning", "zero-shot", "x", "y", B, "r1", false, 1, 1, false, false, -1),
				new Judgment("i3", "planning", "zero-shot", "x", "y", A, "r1", false, 1, 1, false, false, -1),
				new Judgment("i4", "planning", "zero-shot", "x", "y", TIE, "r1", false, 1, 1, false, false, -1));
		PositionBias bias = compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(1)).positionBias();
		assertEquals(3, bias.nonTie());
		assertEquals(2, bias.leftChosen());
		assertEquals(1.0, bias.p());
	}

	@Test
	void medianSecondsIgnoresUnknownTimes() {
		List<Judgment> judgments = List.of(
				new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r1", true, 1, 1, false, false, 4_000),
				new Judgment("i2", "planning", "zero-shot", "x", "y", A, "r1", true, 1, 1, false, false, 8_000),
				new Judgment("i3", "planning", "zero-shot", "x", "y", A, "r1", true, 1, 1, false, false, -1),
				new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r2", true, 1, 1, false, false, -1));
		List<RaterQuality> raters = compare(judgments, TiePolicy.HALF, Bootstrap.withSeed(1)).raters();
		assertEquals(6.0, raters.get(0).medianSeconds());
		assertNull(raters.get(1).medianSeconds());
	}

	private static TwoModelResult compare(List<Judgment> judgments, TiePolicy tiePolicy, Bootstrap bootstrap) {
		return PairwiseStatistics.compare(JudgmentTable.of(judgments), "x", "y", tiePolicy, bootstrap, Map.of());
	}

}
