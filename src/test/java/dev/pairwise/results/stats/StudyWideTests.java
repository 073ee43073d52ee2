package dev.pairwise.results.stats;

import static dev.pairwise.results.stats.Outcome.A;
import static dev.pairwise.results.stats.Outcome.B;
import static dev.pairwise.results.stats.Outcome.BOTH_BAD;
import static dev.pairwise.results.stats.Outcome.TIE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Figures pooled over all pairs, the most-disputed tasks and cross-source agreement.
 */
class StudyWideTests {

	private static final double TOLERANCE = 1e-12;

	@Test
	void overOnePairThePooledFiguresAreThoseOfThePair() {
		JudgmentTable table = ReferenceCases.judgments(ReferenceCases.named("small-fixed-3-raters"));
		TwoModelResult pair = PairwiseStatistics.compare(table, "flan-demo", "base-demo", TiePolicy.HALF,
				new Bootstrap(0, 1), Map.of());
		StudyWideResult pooled = PairwiseStatistics.studyWide(table, List.of("flan-demo", "base-demo"), Map.of());
		assertEquals(pair.agreement(), pooled.agreement());
		assertEquals(pair.positionBias(), pooled.positionBias());
		assertEquals(pair.raters(), pooled.raters());
		assertEquals(45, pooled.judgments());
		assertEquals(15, pooled.tasks());
	}

	@Test
	void kappaPoolsTasksOfEveryPairEachSeenFromTheModelListedFirst() {
		// Two raters, two pairs. In the orientation of the order (p before q before r)
		// the
		// raters' labels are: task 1 first/first, task 2 second/second, task 3 first/tie,
		// task 4 tie/tie.
		List<Judgment> judgments = List.of(judgment("i1", "p", "q", A, "r1"), judgment("i1", "q", "p", B, "r2"),
				judgment("i2", "q", "r", B, "r1"), judgment("i2", "r", "q", A, "r2"), judgment("i3", "p", "r", A, "r1"),
				judgment("i3", "r", "p", TIE, "r2"), judgment("i4", "q", "r", TIE, "r1"),
				judgment("i4", "q", "r", BOTH_BAD, "r2"));
		StudyWideResult pooled = PairwiseStatistics.studyWide(JudgmentTable.of(judgments), List.of("p", "q", "r"),
				Map.of());
		assertEquals(4, pooled.tasks());
		RaterPairKappa kappa = pooled.agreement().cohenKappaByRaterPair().get(0);
		assertEquals(4, kappa.shared());
		// p_o = 3/4; r1's labels first 2, second 1, tie 1; r2's first 1, second 1, tie 2:
		// p_e = (2·1 + 1·1 + 1·2) / 16 = 5/16.
		assertEquals((0.75 - 5.0 / 16) / (1 - 5.0 / 16), kappa.cohenKappa(), TOLERANCE);
		assertEquals(0.75, pooled.agreement().pairwiseAgreement(), TOLERANCE);
	}

	@Test
	void modelsLeftOutOfTheOrderAreLeftOut() {
		List<Judgment> judgments = List.of(judgment("i1", "p", "q", A, "r1"), judgment("i1", "p", "z", A, "r1"));
		assertEquals(1,
				PairwiseStatistics.studyWide(JudgmentTable.of(judgments), List.of("p", "q"), Map.of()).judgments());
	}

	@Test
	void judgmentsWithoutAKnownLeftSideStayOutOfPositionBias() {
		List<Judgment> judgments = List.of(
				new Judgment("i1", "planning", "zero-shot", "x", "y", A, "r1", true, 1, 1, false, false, -1),
				new Judgment("i2", "planning", "zero-shot", "x", "y", A, "r1", null, 1, 1, false, false, -1),
				new Judgment("i3", "planning", "zero-shot", "x", "y", B, "r1", null, 1, 1, false, false, -1));
		StudyWideResult pooled = PairwiseStatistics.studyWide(JudgmentTable.of(judgments), List.of("x", "y"), Map.of());
		assertEquals(1, pooled.positionBias().nonTie());
		assertEquals(1, pooled.positionBias().leftChosen());
		assertEquals(1.0, pooled.raters().get(0).leftRate());
		assertEquals(3, pooled.raters().get(0).judgments());
	}

	@Test
	void theMostDisputedTasksComeFirstAndUnanimousTasksAreNotDisputed() {
		List<Judgment> judgments = new ArrayList<>();
		// i1: A, B, TIE from p's view: every pair disagrees.
		judgments.add(judgment("i1", "p", "q", A, "r1"));
		judgments.add(judgment("i1", "q", "p", A, "r2"));
		judgments.add(judgment("i1", "p", "q", TIE, "r3"));
		// i2: A, A, B: one agreeing pair of three.
		judgments.add(judgment("i2", "p", "q", A, "r1"));
		judgments.add(judgment("i2", "p", "q", A, "r2"));
		judgments.add(judgment("i2", "p", "q", B, "r3"));
		// i3: A, B: the one pair disagrees, with fewer judgments than i1.
		judgments.add(judgment("i3", "p", "q", A, "r1"));
		judgments.add(judgment("i3", "p", "q", B, "r2"));
		// i4: unanimous; i5: a single judgment.
		judgments.add(judgment("i4", "p", "q", B, "r1"));
		judgments.add(judgment("i4", "p", "q", B, "r2"));
		judgments.add(judgment("i5", "p", "q", A, "r1"));
		List<DisputedTask> disputed = PairwiseStatistics.mostDisputed(JudgmentTable.of(judgments), List.of("p", "q"),
				10);
		assertEquals(List.of("i1", "i3", "i2"), disputed.stream().map(DisputedTask::itemId).toList());
		DisputedTask first = disputed.get(0);
		assertEquals(List.of(1, 1, 1), List.of(first.firstBetter(), first.secondBetter(), first.ties()));
		assertEquals("p", first.firstModel());
		assertEquals(1.0, first.disagreement(), TOLERANCE);
		assertEquals(2.0 / 3, disputed.get(2).disagreement(), TOLERANCE);
		assertEquals(1, PairwiseStatistics.mostDisputed(JudgmentTable.of(judgments), List.of("p", "q"), 1).size());
	}

	@Test
	void sourcesAgreeOnSharedTasksOnly() {
		JudgmentTable humans = JudgmentTable
			.of(List.of(judgment("i1", "p", "q", A, "h1"), judgment("i1", "p", "q", A, "h2"),
					judgment("i2", "p", "q", B, "h1"), judgment("i2", "p", "q", TIE, "h2"),
					judgment("i3", "p", "q", B, "h1"), judgment("i9", "p", "q", B, "h1")));
		JudgmentTable judge = JudgmentTable
			.of(List.of(judgment("i1", "q", "p", B, "llm"), judgment("i2", "p", "q", B, "llm"),
					judgment("i3", "p", "q", A, "llm"), judgment("i7", "p", "q", A, "llm")));
		SourceAgreement agreement = PairwiseStatistics.agreementBetween(humans, judge, List.of("p", "q"));
		assertEquals(3, agreement.sharedTasks());
		// Cross pairs: i1 2 (both agree), i2 2 (one agrees), i3 1 (disagrees).
		assertEquals(5, agreement.crossPairs());
		assertEquals(3.0 / 5, agreement.pairwiseAgreement(), TOLERANCE);
		// i2's human labels tie for the mode, so two tasks have a majority on both sides.
		assertEquals(2, agreement.majorityTasks());
		assertEquals(0.5, agreement.majorityAgreement(), TOLERANCE);
		// Modes (humans, judge): (p, p) and (q, p): p_o = 1/2, p_e = (1·2 + 1·0) / 4 =
		// 1/2.
		assertEquals(0.0, agreement.majorityCohenKappa(), TOLERANCE);
	}

	@Test
	void sourcesWithoutASharedTaskHaveNoAgreement() {
		JudgmentTable humans = JudgmentTable.of(List.of(judgment("i1", "p", "q", A, "h1")));
		JudgmentTable judge = JudgmentTable.of(List.of(judgment("i2", "p", "q", A, "llm")));
		SourceAgreement agreement = PairwiseStatistics.agreementBetween(humans, judge, List.of("p", "q"));
		assertEquals(new SourceAgreement(0, 0, null, 0, null, null), agreement);
	}

	private static Judgment judgment(String item, String modelA, String modelB, Outcome outcome, String judge) {
		return new Judgment(item, "planning", "zero-shot", modelA, modelB, outcome, judge, true, 100, 100, false, false,
				-1);
	}

}
