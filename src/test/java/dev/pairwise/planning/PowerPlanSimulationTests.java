package dev.pairwise.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.pairwise.results.stats.Bootstrap;
import dev.pairwise.results.stats.Interval;
import dev.pairwise.results.stats.Judgment;
import dev.pairwise.results.stats.JudgmentTable;
import dev.pairwise.results.stats.Outcome;
import dev.pairwise.results.stats.PairwiseStatistics;
import dev.pairwise.results.stats.TiePolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

/**
 * The promised half-width against the one the results would report: studies are simulated
 * with a known win rate, tie rate and intra-item correlation, each is analysed by the
 * app's own estimator (the 95% percentile item bootstrap of {@code results.stats}, B =
 * 2000), and the mean of those half-widths must be within 10% of {@link PowerPlan}'s.
 * <p>
 * The simulation: each item has a latent outcome U (focal better, tie, other better with
 * probabilities w, τ, l); each of its k judgments copies U with probability c = √ρ and is
 * otherwise drawn afresh from the same distribution. Two judgments of one item then have
 * covariance c²·Var(U), so correlation exactly ρ, and mean w + τ/2 = p.
 */
class PowerPlanSimulationTests {

	private static final int STUDIES = 150;

	@ParameterizedTest(name = "p={0} ties={1} rho={2} k={3} items={4}")
	@CsvSource({ "0.79, 0.0, 0.3, 3, 190", "0.6, 0.0, 0.1, 5, 100", "0.5, 0.0, 0.5, 2, 60", "0.7, 0.2, 0.3, 3, 20",
			"0.65, 0.1, 0.0, 1, 150" })
	void thePromisedHalfWidthIsWithinTenPercentOfTheSimulatedOne(double winRate, double tieRate, double correlation,
			int k, int items) {
		double promised = PowerPlan.halfWidth(items, k, PowerPlan.scoreVariance(winRate, tieRate), correlation);
		SplittableRandom random = new SplittableRandom(42);
		double sum = 0;
		for (int study = 0; study < STUDIES; study++) {
			List<Judgment> judgments = simulate(random, winRate, tieRate, correlation, k, items);
			Interval interval = PairwiseStatistics
				.overall(JudgmentTable.of(judgments), "x", "y", TiePolicy.HALF, Bootstrap.withSeed(study))
				.bootstrap95();
			sum += (interval.high() - interval.low()) / 2;
		}
		double simulated = sum / STUDIES;
		assertThat(promised).isCloseTo(simulated, within(0.1 * simulated));
	}

	@ParameterizedTest(name = "rho={0}")
	@CsvSource({ "0.0", "0.3", "0.6" })
	void thePilotEstimateRecoversTheCorrelationOfSimulatedJudgments(double correlation) {
		SplittableRandom random = new SplittableRandom(7);
		List<Judgment> judgments = simulate(random, 0.7, 0.1, correlation, 4, 3000);
		List<double[]> byItem = new ArrayList<>();
		for (int item = 0; item < 3000; item++) {
			double[] scores = new double[4];
			for (int j = 0; j < 4; j++) {
				scores[j] = switch (judgments.get(item * 4 + j).outcome()) {
					case A -> 1;
					case B -> 0;
					default -> 0.5;
				};
			}
			byItem.add(scores);
		}
		assertThat(IntraItemCorrelation.estimate(byItem)).isCloseTo(correlation, offset(0.03));
	}

	@ParameterizedTest(name = "target={0}")
	@CsvSource({ "0.05", "0.08", "0.1", "0.15" })
	void theKNeededIsTheLeastKThatReachesTheTarget(double target) {
		double variance = PowerPlan.scoreVariance(0.7, 0);
		Integer k = PowerPlan.ratingsPerTaskNeeded(190, variance, 0.2, target);
		if (k == null) {
			assertThat(PowerPlan.halfWidth(190, PowerPlan.MAX_K, variance, 0.2)).isGreaterThan(target);
			return;
		}
		assertThat(PowerPlan.halfWidth(190, k, variance, 0.2)).isLessThanOrEqualTo(target);
		if (k > 1) {
			assertThat(PowerPlan.halfWidth(190, k - 1, variance, 0.2)).isGreaterThan(target);
		}
	}

	private static List<Judgment> simulate(SplittableRandom random, double winRate, double tieRate, double correlation,
			int k, int items) {
		double wins = winRate - tieRate / 2;
		double copy = Math.sqrt(correlation);
		List<Judgment> judgments = new ArrayList<>(items * k);
		for (int item = 0; item < items; item++) {
			Outcome latent = draw(random, wins, tieRate);
			for (int j = 0; j < k; j++) {
				Outcome outcome = (random.nextDouble() < copy) ? latent : draw(random, wins, tieRate);
				judgments.add(new Judgment("item-" + item, "c", "zero-shot", "x", "y", outcome, "rater-" + j, true, 100,
						100, false, false, 1000));
			}
		}
		return judgments;
	}

	private static Outcome draw(SplittableRandom random, double wins, double ties) {
		double u = random.nextDouble();
		return (u < wins) ? Outcome.A : (u < wins + ties) ? Outcome.TIE : Outcome.B;
	}

}
