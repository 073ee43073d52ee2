package dev.pairwise.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Figures from {@code scipy.stats.binomtest(k, n)} and its
 * {@code proportion_ci(method="wilson")}.
 */
class BinomialTests {

	@ParameterizedTest(name = "{0} of {1}")
	@CsvSource({ "2, 3, 1.0", "3, 13, 0.09228515625", "1, 24, 2.9802322387695312e-06", "18, 19, 7.62939453125e-05",
			"7, 7, 0.015625", "500, 1000, 1.0", "0, 1, 1.0" })
	void signTestMatchesScipyEvenWhereTheMirrorOutcomeIsEquallyLikely(int successes, int trials, double expected) {
		assertEquals(expected, Binomial.twoSidedP(successes, trials), 1e-15 + 1e-12 * expected);
	}

	@Test
	void signTestWithoutTrialsIsOne() {
		assertEquals(1.0, Binomial.twoSidedP(0, 0));
	}

	@ParameterizedTest(name = "{0} of {1}")
	@CsvSource({ "0, 1, 0.0, 0.7934506856227626", "7, 7, 0.6456695649333126, 1.0",
			"3, 13, 0.08179528718498563, 0.502563759467275", "500, 1000, 0.4690696003681042, 0.5309303996318958" })
	void wilsonIntervalMatchesScipy(int successes, int trials, double low, double high) {
		Interval interval = Binomial.wilson95(successes, trials);
		assertEquals(low, interval.low(), 1e-12);
		assertEquals(high, interval.high(), 1e-12);
	}

	@Test
	void wilsonIntervalWithoutTrialsIsUndefined() {
		assertNull(Binomial.wilson95(0, 0));
	}

}
