package dev.pairwise.sampling;

import java.util.ArrayList;
import java.util.List;

import dev.pairwise.sampling.SelectionRule.Candidate;
import dev.pairwise.sampling.SelectionRule.Decision;
import dev.pairwise.sampling.SelectionRule.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules on exact cases, each chosen so that a plausible mistake gives another answer.
 */
class SelectionRuleTests {

	@Test
	void flanDropsSamplesAboveHalfTheMedianOfAnOddCountAndKeepsTheHighestOfTheRest() {
		// Median -45, threshold -22.5: the repetitive -10 goes, -40 is the highest left.
		Decision decision = SelectionRule.FLAN.decide(samples(-10, -40, -50, -45, -60));
		assertThat(decision.median()).isEqualTo(-45.0);
		assertThat(decision.threshold()).isEqualTo(-22.5);
		assertThat(decision.chosen()).isEqualTo(1);
		assertThat(decision.allDropped()).isFalse();
		assertThat(decision.verdicts()).containsExactly(new Verdict(0, false, "above-threshold"),
				new Verdict(1, true, "chosen"), new Verdict(2, true, "lower-logprob"),
				new Verdict(3, true, "lower-logprob"), new Verdict(4, true, "lower-logprob"));
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
		// Median (-30 + -40) / 2 = -35, threshold -17.5. Taking the lower middle (-30,
		// threshold -15) would keep -16; taking the upper middle (-40, threshold -20)
		// would drop -19.
		Decision dropped = SelectionRule.FLAN.decide(samples(-16, -30, -40, -50));
		assertThat(dropped.median()).isEqualTo(-35.0);
		assertThat(dropped.threshold()).isEqualTo(-17.5);
		assertThat(dropped.chosen()).isEqualTo(1);
		Decision kept = SelectionRule.FLAN.decide(samples(-19, -30, -40, -50));
		assertThat(kept.chosen()).isEqualTo(0);
		assertThat(kept.verdicts().get(0)).isEqualTo(new Verdict(0, true, "chosen"));
	}

	@Test
	void aSampleExactlyAtTheThresholdIsKept() {
		// Median -20, threshold -10: -10 is not higher than the threshold.
		assertThat(SelectionRule.FLAN.decide(samples(-10, -20, -30)).chosen()).isEqualTo(0);
	}

	@Test
	void tiesGoToTheLowerSampleIndex() {
		Decision decision = SelectionRule.FLAN.decide(samples(-30, -20, -20, -50, -60));
		assertThat(decision.chosen()).isEqualTo(1);
		assertThat(decision.verdicts().get(2)).isEqualTo(new Verdict(2, true, "later-sample"));
		assertThat(SelectionRule.HIGHEST_LOGPROB.decide(samples(-7, -3, -3)).chosen()).isEqualTo(1);
	}

	@Test
	void whenEverySampleIsDroppedTheLowestLogprobIsKeptAndTheItemMarked() {
		// Only positive totals can all lie above m / 2: median 4, threshold 2.
		Decision decision = SelectionRule.FLAN.decide(samples(4, 3, 5));
		assertThat(decision.allDropped()).isTrue();
		assertThat(decision.chosen()).isEqualTo(1);
		assertThat(decision.threshold()).isEqualTo(2.0);
		assertThat(decision.verdicts()).containsExactly(new Verdict(0, false, "above-threshold"),
				new Verdict(1, false, "chosen"), new Verdict(2, false, "above-threshold"));
	}

	@Test
	void highestLogprobDropsNothing() {
		Decision decision = SelectionRule.HIGHEST_LOGPROB.decide(samples(-10, -40, -50));
		assertThat(decision.chosen()).isEqualTo(0);
		assertThat(decision.median()).isNull();
		assertThat(decision.verdicts()).extracting(Verdict::kept).containsOnly(true);
	}

	@Test
	void firstTakesTheLowestSampleIndexWhateverTheOrderAndWithoutLogprobs() {
		Decision decision = SelectionRule.FIRST
			.decide(List.of(new Candidate(3, null), new Candidate(1, null), new Candidate(2, null)));
		assertThat(decision.chosen()).isEqualTo(1);
		assertThat(decision.verdicts()).containsExactly(new Verdict(1, true, "chosen"),
				new Verdict(2, true, "later-sample"), new Verdict(3, true, "later-sample"));
	}

	@Test
	void aSingleSampleIsChosen() {
		assertThat(SelectionRule.FLAN.decide(samples(-5)).chosen()).isEqualTo(0);
	}

	private static List<Candidate> samples(double... logprobs) {
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < logprobs.length; i++) {
			candidates.add(new Candidate(i, logprobs[i]));
		}
		return candidates;
	}

}
