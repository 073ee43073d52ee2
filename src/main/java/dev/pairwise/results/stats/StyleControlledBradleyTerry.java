package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chatbot Arena's style control (Li et al. 2024, "Does style matter? Disentangling style
 * and substance in Chatbot Arena"; FastChat {@code compute_style_control} in
 * {@code fastchat/serve/monitor/rating_systems.py}): a Bradley–Terry model with style
 * covariates, <pre>
 * logit P(a beats b) = r_a − r_b + Σ_f β_f · z_f
 * </pre> where for each feature f of {@link StyleFeatures} (length, headers, bold, list
 * items) z_f is (A − B) / (A + B) of a's and b's counts, 0 when both are 0, standardised
 * to mean 0 and standard deviation 1 (population) over the study's comparisons. The
 * ratings r and the coefficients β are fitted jointly by maximum likelihood (Newton's
 * method on the logistic log-likelihood), a tie or "both bad" counting half a win each
 * way as in the plain Bradley–Terry; r is shown on the Elo scale (400 / ln 10 per unit,
 * mean 1000). The ratings are what remains of each model's strength once its style is
 * accounted for.
 * <p>
 * Two deliberate differences from FastChat: no ridge penalty (FastChat adds ½·0.5·‖θ‖², a
 * leftover of scikit-learn's default that shrinks both ratings and coefficients; the
 * plain Bradley–Terry of this app has none either, so the two sit side by side on one
 * scale), and the ratio's denominator is A + B as the published definition states, not
 * FastChat's A + B + 1. The intervals resample items, not judgments, as everywhere in
 * Pairwise: the judgments of one item share its two responses.
 */
public final class StyleControlledBradleyTerry {

	private static final int FEATURES = 4;

	private static final int MAX_STEPS = 100;

	private static final double TOLERANCE = 1e-10;

	/** Beyond this many log-odds a rating has run off: the estimate does not exist. */
	private static final double DIVERGED = 30;

	private static final double ELO_PER_LOGIT = 400 / Math.log(10);

	private StyleControlledBradleyTerry() {
	}

	/**
	 * One judgment with the style of both responses.
	 *
	 * @param itemId the item, the unit the bootstrap resamples
	 * @param modelA model_a
	 * @param modelB model_b
	 * @param outcome the answer, in the row's orientation
	 * @param styleA style of model_a's response
	 * @param styleB style of model_b's response
	 */
	public record Comparison(String itemId, String modelA, String modelB, Outcome outcome, StyleFeatures styleA,
			StyleFeatures styleB) {
	}

	public static StyleControlledRanking fit(List<Comparison> comparisons, Bootstrap bootstrap) {
		Cells cells = Cells.of(comparisons);
		int m = cells.models.size();
		if (m < 2) {
			return notEstimable(cells, comparisons.size());
		}
		double[] full = newton(cells, cells.weight, new double[m - 1 + FEATURES]);
		if (full == null) {
			return notEstimable(cells, comparisons.size());
		}
		int replicates = bootstrap.replicates();
		double[][] eloReplicates = new double[m][replicates];
		double[][] coefficientReplicates = new double[FEATURES][replicates];
		int[] used = new int[1];
		if (replicates > 0) {
			UniformIndex draw = new UniformIndex(cells.items);
			boolean[] converged = new boolean[replicates];
			Replicates.run(bootstrap, () -> {
				int[] drawn = new int[cells.items];
				double[] weight = new double[cells.count()];
				return (replicate, random) -> {
					Arrays.fill(drawn, 0);
					for (int i = 0; i < cells.items; i++) {
						drawn[draw.next(random)]++;
					}
					for (int c = 0; c < weight.length; c++) {
						weight[c] = cells.weight[c] * drawn[cells.item[c]];
					}
					double[] theta = newton(cells, weight, full.clone());
					converged[replicate] = theta != null;
					double[] elo = (theta != null) ? elo(theta, m) : null;
					for (int model = 0; model < m; model++) {
						eloReplicates[model][replicate] = (elo != null) ? elo[model] : Double.NaN;
					}
					for (int f = 0; f < FEATURES; f++) {
						coefficientReplicates[f][replicate] = (theta != null && cells.varies[f]) ? theta[m - 1 + f]
								: Double.NaN;
					}
				};
			});
			for (boolean ok : converged) {
				used[0] += ok ? 1 : 0;
			}
		}
		double[] elo = elo(full, m);
		List<ModelRating> ratings = new ArrayList<>();
		for (int model = 0; model < m; model++) {
			Interval ci = (replicates > 0) ? Percentiles.central95(eloReplicates[model]) : null;
			ratings.add(new ModelRating(cells.models.get(model), cells.comparisonsOf[model], elo[model], ci));
		}
		ratings.sort(Comparator.comparing(ModelRating::elo).reversed().thenComparing(ModelRating::model));
		List<Double> coefficients = new ArrayList<>();
		List<Interval> intervals = new ArrayList<>();
		for (int f = 0; f < FEATURES; f++) {
			coefficients.add(cells.varies[f] ? full[m - 1 + f] : null);
			intervals.add((cells.varies[f] && replicates > 0) ? Percentiles.central95(coefficientReplicates[f]) : null);
		}
		return new StyleControlledRanking(true, ratings, coefficients, intervals, comparisons.size(), used[0]);
	}

	private static StyleControlledRanking notEstimable(Cells cells, int comparisons) {
		List<ModelRating> ratings = new ArrayList<>();
		for (int model = 0; model < cells.models.size(); model++) {
			ratings.add(new ModelRating(cells.models.get(model), cells.comparisonsOf[model], null, null));
		}
		ratings.sort(Comparator.comparing(ModelRating::model));
		List<Double> none = Arrays.asList(new Double[FEATURES]);
		List<Interval> noIntervals = Arrays.asList(new Interval[FEATURES]);
		return new StyleControlledRanking(false, ratings, none, noIntervals, comparisons, 0);
	}

	/** Ratings on the Elo scale, mean 1000; model 0's log-strength is fixed at 0. */
	private static double[] elo(double[] theta, int m) {
		double[] elo = new double[m];
		double mean = 0;
		for (int model = 1; model < m; model++) {
			mean += theta[model - 1] / m;
		}
		for (int model = 0; model < m; model++) {
			elo[model] = 1000 + ELO_PER_LOGIT * (((model == 0) ? 0 : theta[model - 1]) - mean);
		}
		return elo;
	}

	/**
	 * Newton's method on the log-likelihood of the weighted cells, each step halved until
	 * the likelihood does not fall. Parameters: the log-strengths of models 1 to m − 1,
	 * then the four coefficients (a feature that does not vary keeps 0).
	 * @return the estimate, or null when it does not exist (a singular system, or
	 * parameters running off)
	 */
	private static double[] newton(Cells cells, double[] weight, double[] start) {
		int m = cells.models.size();
		int dimension = m - 1 + FEATURES;
		double[] theta = start;
		double logLikelihood = logLikelihood(cells, weight, theta);
		double[] row = new double[dimension];
		for (int step = 0; step < MAX_STEPS; step++) {
			double[] gradient = new double[dimension];
			double[][] hessian = new double[dimension][dimension];
			for (int c = 0; c < cells.count(); c++) {
				if (weight[c] == 0) {
					continue;
				}
				design(cells, c, row);
				double p = sigmoid(dot(row, theta));
				double residual = cells.score[c] * weight[c] / cells.weight[c] - weight[c] * p;
				double curvature = weight[c] * p * (1 - p);
				for (int j = 0; j < dimension; j++) {
					if (row[j] == 0) {
						continue;
					}
					gradient[j] += residual * row[j];
					for (int k = 0; k < dimension; k++) {
						hessian[j][k] += curvature * row[j] * row[k];
					}
				}
			}
			for (int f = 0; f < FEATURES; f++) {
				if (!cells.varies[f]) {
					hessian[m - 1 + f][m - 1 + f] = 1;
				}
			}
			double[] delta = solve(hessian, gradient);
			if (delta == null) {
				return null;
			}
			double scale = 1;
			double[] next = new double[dimension];
			double tried;
			do {
				for (int j = 0; j < dimension; j++) {
					next[j] = theta[j] + scale * delta[j];
				}
				tried = logLikelihood(cells, weight, next);
				scale /= 2;
			}
			while (tried < logLikelihood - 1e-12 && scale > 1e-10);
			theta = next;
			logLikelihood = tried;
			double largest = 0;
			for (int j = 0; j < dimension; j++) {
				largest = Math.max(largest, Math.abs(2 * scale * delta[j]));
				if (!Double.isFinite(theta[j]) || Math.abs(theta[j]) > DIVERGED) {
					return null;
				}
			}
			if (largest < TOLERANCE) {
				return theta;
			}
		}
		return null;
	}

	private static double logLikelihood(Cells cells, double[] weight, double[] theta) {
		double[] row = new double[theta.length];
		double value = 0;
		for (int c = 0; c < cells.count(); c++) {
			if (weight[c] == 0) {
				continue;
			}
			design(cells, c, row);
			double eta = dot(row, theta);
			double wins = cells.score[c] * weight[c] / cells.weight[c];
			value -= wins * softplus(-eta) + (weight[c] - wins) * softplus(eta);
		}
		return value;
	}

	/** The cell's row of the design matrix: +1 for model a, −1 for model b, then z. */
	private static void design(Cells cells, int c, double[] row) {
		int m = cells.models.size();
		Arrays.fill(row, 0);
		if (cells.a[c] > 0) {
			row[cells.a[c] - 1] = 1;
		}
		if (cells.b[c] > 0) {
			row[cells.b[c] - 1] = -1;
		}
		System.arraycopy(cells.z[c], 0, row, m - 1, FEATURES);
	}

	/** Gaussian elimination with partial pivoting; null when singular. */
	private static double[] solve(double[][] matrix, double[] vector) {
		int n = vector.length;
		double[][] a = new double[n][];
		for (int i = 0; i < n; i++) {
			a[i] = Arrays.copyOf(matrix[i], n + 1);
			a[i][n] = vector[i];
		}
		for (int column = 0; column < n; column++) {
			int pivot = column;
			for (int r = column + 1; r < n; r++) {
				if (Math.abs(a[r][column]) > Math.abs(a[pivot][column])) {
					pivot = r;
				}
			}
			if (Math.abs(a[pivot][column]) < 1e-12) {
				return null;
			}
			double[] swap = a[column];
			a[column] = a[pivot];
			a[pivot] = swap;
			for (int r = column + 1; r < n; r++) {
				double factor = a[r][column] / a[column][column];
				for (int k = column; k <= n; k++) {
					a[r][k] -= factor * a[column][k];
				}
			}
		}
		double[] x = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double sum = a[r][n];
			for (int k = r + 1; k < n; k++) {
				sum -= a[r][k] * x[k];
			}
			x[r] = sum / a[r][r];
		}
		return x;
	}

	private static double dot(double[] row, double[] theta) {
		double sum = 0;
		for (int j = 0; j < row.length; j++) {
			sum += row[j] * theta[j];
		}
		return sum;
	}

	private static double softplus(double z) {
		return (z > 0) ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
	}

	private static double sigmoid(double z) {
		return (z >= 0) ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
	}

	/**
	 * The comparisons grouped by item and oriented pair (same responses, same
	 * standardised features): a cell's weight is its number of judgments, its score model
	 * a's wins with ties half. Models are numbered by name.
	 */
	private static final class Cells {

		final List<String> models;

		final int items;

		final int[] item;

		final int[] a;

		final int[] b;

		final double[][] z;

		final double[] weight;

		final double[] score;

		final boolean[] varies = new boolean[FEATURES];

		final int[] comparisonsOf;

		private Cells(List<String> models, int items, int[] item, int[] a, int[] b, double[][] z, double[] weight,
				double[] score, int[] comparisonsOf) {
			this.models = models;
			this.items = items;
			this.item = item;
			this.a = a;
			this.b = b;
			this.z = z;
			this.weight = weight;
			this.score = score;
			this.comparisonsOf = comparisonsOf;
		}

		int count() {
			return this.weight.length;
		}

		static Cells of(List<Comparison> comparisons) {
			List<String> models = comparisons.stream()
				.flatMap((c) -> java.util.stream.Stream.of(c.modelA(), c.modelB()))
				.distinct()
				.sorted()
				.toList();
			Map<String, Integer> modelIndex = new HashMap<>();
			models.forEach((model) -> modelIndex.put(model, modelIndex.size()));
			Map<String, Integer> itemIndex = new HashMap<>();
			Map<String, Integer> cellIndex = new HashMap<>();
			List<Comparison> firstOfCell = new ArrayList<>();
			List<double[]> counts = new ArrayList<>();
			int[] comparisonsOf = new int[models.size()];
			double[] sum = new double[FEATURES];
			double[] sumOfSquares = new double[FEATURES];
			for (Comparison comparison : comparisons) {
				itemIndex.putIfAbsent(comparison.itemId(), itemIndex.size());
				comparisonsOf[modelIndex.get(comparison.modelA())]++;
				comparisonsOf[modelIndex.get(comparison.modelB())]++;
				String key = comparison.itemId() + '\u0000' + comparison.modelA() + '\u0000' + comparison.modelB();
				Integer cell = cellIndex.get(key);
				if (cell == null) {
					cell = firstOfCell.size();
					cellIndex.put(key, cell);
					firstOfCell.add(comparison);
					counts.add(new double[2]);
				}
				double[] count = counts.get(cell);
				count[0]++;
				count[1] += switch (comparison.outcome()) {
					case A -> 1;
					case B -> 0;
					case TIE, BOTH_BAD -> 0.5;
				};
				double[] ratio = ratios(comparison);
				for (int f = 0; f < FEATURES; f++) {
					sum[f] += ratio[f];
					sumOfSquares[f] += ratio[f] * ratio[f];
				}
			}
			int n = comparisons.size();
			int cells = firstOfCell.size();
			Cells result = new Cells(models, itemIndex.size(), new int[cells], new int[cells], new int[cells],
					new double[cells][], new double[cells], new double[cells], comparisonsOf);
			double[] mean = new double[FEATURES];
			double[] sd = new double[FEATURES];
			for (int f = 0; f < FEATURES && n > 0; f++) {
				mean[f] = sum[f] / n;
				sd[f] = Math.sqrt(Math.max(0, sumOfSquares[f] / n - mean[f] * mean[f]));
				result.varies[f] = sd[f] > 1e-9;
			}
			for (int c = 0; c < cells; c++) {
				Comparison comparison = firstOfCell.get(c);
				result.item[c] = itemIndex.get(comparison.itemId());
				result.a[c] = modelIndex.get(comparison.modelA());
				result.b[c] = modelIndex.get(comparison.modelB());
				result.weight[c] = counts.get(c)[0];
				result.score[c] = counts.get(c)[1];
				double[] ratio = ratios(comparison);
				result.z[c] = new double[FEATURES];
				for (int f = 0; f < FEATURES; f++) {
					result.z[c][f] = result.varies[f] ? (ratio[f] - mean[f]) / sd[f] : 0;
				}
			}
			return result;
		}

		/** (A − B) / (A + B) of each feature, 0 when both are 0. */
		static double[] ratios(Comparison comparison) {
			double[] a = comparison.styleA().values();
			double[] b = comparison.styleB().values();
			double[] ratio = new double[FEATURES];
			for (int f = 0; f < FEATURES; f++) {
				ratio[f] = (a[f] + b[f] == 0) ? 0 : (a[f] - b[f]) / (a[f] + b[f]);
			}
			return ratio;
		}

	}

}
