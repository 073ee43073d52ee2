package dev.pairwise.results.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The focal model's win rate with the length of the two responses controlled for, after
 * AlpacaEval 2's length-controlled win rate (Dubois et al. 2024, "Length-Controlled
 * AlpacaEval: A Simple Way to Debias Automatic Evaluators", and AlpacaEval's
 * {@code glm_winrate}): a logistic regression of each judgment on <pre>
 * logit P(X better) = θ + β·tanh(Δlen_i / sd(Δlen)) + γ_i
 * </pre> where Δlen_i is X's output length minus Y's on item i in characters, sd(Δlen)
 * its sample standard deviation over the pair's items, and γ_i the item's difficulty,
 * fitted by maximum likelihood with a ridge penalty ½·(β² + Σγ_i²) (a standard normal
 * prior on each in logits; θ is free), so that the difficulties keep what is particular
 * to an item and the length term gets what is systematic across items. The
 * length-controlled win rate is the mean over items of σ(θ + γ_i): the prediction with
 * the length term at zero, as if both responses were equally long. A tie (or "both bad")
 * counts half a win and half a loss, as in the raw win rate; with {@code ties=exclude} it
 * is left out. The 95% interval resamples items and refits.
 *
 * @param winRate the length-controlled win rate; null with fewer than two items of known
 * lengths, or when their length differences are all equal
 * @param lengthCoefficient β, the change in log-odds between equal lengths and a length
 * difference of about one standard deviation (tanh(1) = 0.76 of the full term)
 * @param intercept θ
 * @param items items in the fit
 * @param bootstrap95 percentile interval of the item bootstrap; null without replicates
 */
public record LengthControlledWinRate(Double winRate, Double lengthCoefficient, Double intercept, int items,
		Interval bootstrap95) {

	/** λ of the ridge penalty: a N(0, 1) prior on β and each item's difficulty. */
	static final double PENALTY = 1.0;

	static LengthControlledWinRate of(PairJudgments pair, TiePolicy ties, Bootstrap bootstrap) {
		double tieWeight = (ties == TiePolicy.HALF) ? 0.5 : 0;
		double[] wins = new double[pair.items];
		double[] losses = new double[pair.items];
		double[] difference = new double[pair.items];
		boolean[] known = new boolean[pair.items];
		for (int k = 0; k < pair.size; k++) {
			int item = pair.item[k];
			int focal = pair.focalLength(k);
			int other = pair.otherLength(k);
			if (focal < 0 || other < 0) {
				continue;
			}
			known[item] = true;
			difference[item] = focal - other;
			byte label = pair.label[k];
			wins[item] += (label == PairJudgments.FOCAL_BETTER) ? 1 : (label == PairJudgments.TIE) ? tieWeight : 0;
			losses[item] += (label == PairJudgments.OTHER_BETTER) ? 1 : (label == PairJudgments.TIE) ? tieWeight : 0;
		}
		int n = 0;
		for (int item = 0; item < pair.items; item++) {
			if (known[item] && wins[item] + losses[item] > 0) {
				wins[n] = wins[item];
				losses[n] = losses[item];
				difference[n] = difference[item];
				n++;
			}
		}
		return of(Arrays.copyOf(difference, n), Arrays.copyOf(wins, n), Arrays.copyOf(losses, n), bootstrap);
	}

	/**
	 * The fit and its item bootstrap, from each item's length difference and weights of
	 * wins and losses.
	 */
	static LengthControlledWinRate of(double[] difference, double[] wins, double[] losses, Bootstrap bootstrap) {
		int n = difference.length;
		LengthControlledFit fit = fit(difference, wins, losses);
		if (fit == null) {
			return new LengthControlledWinRate(null, null, null, n, null);
		}
		Interval interval = null;
		if (bootstrap.replicates() > 0) {
			SplittableRandom random = new SplittableRandom(bootstrap.seed());
			double[] replicates = new double[bootstrap.replicates()];
			double[] d = new double[n];
			double[] w1 = new double[n];
			double[] w0 = new double[n];
			for (int b = 0; b < replicates.length; b++) {
				for (int i = 0; i < n; i++) {
					int drawn = random.nextInt(n);
					d[i] = difference[drawn];
					w1[i] = wins[drawn];
					w0[i] = losses[drawn];
				}
				LengthControlledFit again = fit(d, w1, w0);
				replicates[b] = (again != null) ? rate(again) : Double.NaN;
			}
			interval = Percentiles.central95(replicates);
		}
		return new LengthControlledWinRate(rate(fit), fit.length, fit.intercept, n, interval);
	}

	/** Null when the length term is undefined (under two items, or no spread). */
	static LengthControlledFit fit(double[] difference, double[] wins, double[] losses) {
		int n = difference.length;
		if (n < 2) {
			return null;
		}
		double mean = 0;
		for (double d : difference) {
			mean += d / n;
		}
		double squares = 0;
		for (double d : difference) {
			squares += (d - mean) * (d - mean);
		}
		double sd = Math.sqrt(squares / (n - 1));
		if (sd == 0) {
			return null;
		}
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = Math.tanh(difference[i] / sd);
		}
		return LengthControlledFit.of(x, wins, losses, PENALTY);
	}

	/** The mean over items of the win probability with the length term at zero. */
	static double rate(LengthControlledFit fit) {
		double sum = 0;
		for (double gamma : fit.difficulty) {
			sum += LengthControlledFit.sigmoid(fit.intercept + gamma);
		}
		return sum / fit.difficulty.length;
	}

}
