package dev.pairwise.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RaterReviewTests {

	@Test
	void aRaterFarBelowThePeersInAgreementIsFlagged() {
		// Three raters find x better on all 30 items; a fourth always finds y better.
		List<Judgment> judgments = new ArrayList<>();
		for (int item = 0; item < 30; item++) {
			for (String rater : List.of("r1", "r2", "r3")) {
				judgments.add(judgment(item, rater, Outcome.A, item % 2 == 0));
			}
			judgments.add(judgment(item, "contrarian", Outcome.B, item % 2 == 0));
		}
		Map<String, RaterQuality> raters = review(judgments, Map.of());
		assertEquals(List.of(RaterFlag.LOW_AGREEMENT), raters.get("contrarian").flags());
		assertTrue(raters.get("contrarian").flagged());
		assertEquals(0.0, raters.get("contrarian").leaveOneOutAgreement());
		assertFalse(raters.get("r1").flagged());
	}

	@Test
	void agreementIsNotJudgedWithFewerThanThreeExperiencedPeers() {
		List<Judgment> judgments = new ArrayList<>();
		for (int item = 0; item < 30; item++) {
			judgments.add(judgment(item, "r1", Outcome.A, item % 2 == 0));
			judgments.add(judgment(item, "contrarian", Outcome.B, item % 2 == 0));
		}
		assertFalse(review(judgments, Map.of()).get("contrarian").flagged());
	}

	@Test
	void aRaterWhoAlwaysChoosesTheLeftResponseIsFlaggedForPositionBias() {
		List<Judgment> judgments = new ArrayList<>();
		for (int item = 0; item < 12; item++) {
			boolean xOnLeft = item % 2 == 0;
			judgments.add(judgment(item, "lefty", xOnLeft ? Outcome.A : Outcome.B, xOnLeft));
		}
		RaterQuality lefty = review(judgments, Map.of()).get("lefty");
		assertEquals(1.0, lefty.leftRate());
		assertEquals(List.of(RaterFlag.POSITION_BIAS), lefty.flags());
	}

	@Test
	void missedAttentionChecksFlagARaterButASingleSlipDoesNot() {
		List<Judgment> judgments = List.of(judgment(0, "careless", Outcome.A, true),
				judgment(0, "slipped", Outcome.A, false));
		Map<String, RaterQuality> raters = review(judgments,
				Map.of("careless", new AttentionScore(3, 5), "slipped", new AttentionScore(2, 3)));
		assertEquals(List.of(RaterFlag.FAILED_ATTENTION_CHECKS), raters.get("careless").flags());
		assertEquals(0.6, raters.get("careless").attention().accuracy());
		assertFalse(raters.get("slipped").flagged());
	}

	@Test
	void aRaterWhoseMedianTimeIsUnderFiveSecondsIsFlaggedTooFast() {
		List<Judgment> judgments = new ArrayList<>();
		for (int item = 0; item < 6; item++) {
			Outcome outcome = (item % 2 == 0) ? Outcome.A : Outcome.B;
			judgments.add(new Judgment("i" + item, "planning", "zero-shot", "x", "y", outcome, "hasty", item % 2 == 0,
					100, 100, false, false, 1_000 + 500 * item));
			judgments.add(new Judgment("i" + item, "planning", "zero-shot", "x", "y", outcome, "careful", item % 2 == 0,
					100, 100, false, false, 5_000));
		}
		Map<String, RaterQuality> raters = review(judgments, Map.of());
		assertEquals(2.25, raters.get("hasty").medianSeconds());
		assertEquals(List.of(RaterFlag.TOO_FAST), raters.get("hasty").flags());
		assertFalse(raters.get("careful").flagged());
	}

	private static Judgment judgment(int item, String rater, Outcome outcome, boolean leftIsA) {
		return new Judgment("i" + item, "planning", "zero-shot", "x", "y", outcome, rater, leftIsA, 100, 100, false,
				false, 5_000);
	}

	private static Map<String, RaterQuality> review(List<Judgment> judgments, Map<String, AttentionScore> attention) {
		TwoModelResult result = PairwiseStatistics.compare(JudgmentTable.of(judgments), "x", "y", TiePolicy.HALF,
				new Bootstrap(0, 0), attention);
		return result.raters().stream().collect(Collectors.toMap(RaterQuality::judge, Function.identity()));
	}

}
