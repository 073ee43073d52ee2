package dev.pairwise.results.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Bradley–Terry ranking of every model in a table, with an item bootstrap. Judgments are
 * first summed per item and model pair (in half points, a tie being one half point each
 * way), so a replicate only counts how often each item is drawn, adds up the items' pair
 * totals with those weights, and refits starting from the full-data strengths.
 */
final class MultiModelAnalysis {

	/** Full-data fit: to the precision of the reference (NumPy, 1e-13). */
	private static final double FULL_FIT_TOLERANCE = 1e-13;

	/**
	 * Replicates: far below the width of any interval, on the Elo scale about 1e-7
	 * points.
	 */
	private static final double REPLICATE_FIT_TOLERANCE = 1e-9;

	private final String[] models;

	private final int[] first;

	private final int[] second;

	/**
	 * Items in compressed rows: item i's entries are
	 * {@code itemStart[i] .. itemStart[i + 1] - 1}.
	 */
	private final int[] itemStart;

	private final int[] entryPair;

	private final int[] entryFirstHalfPoints;

	private final int[] entryCount;

	private MultiModelAnalysis(JudgmentTable table) {
		boolean[] present = new boolean[table.models.size()];
		for (int row = 0; row < table.size; row++) {
			present[table.modelA[row]] = true;
			present[table.modelB[row]] = true;
		}
		List<String> names = new ArrayList<>();
		for (int model = 0; model < present.length; model++) {
			if (present[model]) {
				names.add(table.models.get(model));
			}
		}
		Collections.sort(names);
		this.models = names.toArray(new String[0]);
		int[] localModel = new int[present.length];
		for (int model = 0; model < present.length; model++) {
			localModel[model] = present[model] ? Arrays.binarySearch(models, table.models.get(model)) : -1;
		}

		int m = models.length;
		int[] pairOf = new int[m * m];
		Arrays.fill(pairOf, -1);
		int[] pairFirst = new int[m * m];
		int[] pairSecond = new int[m * m];
		int pairs = 0;
		for (int row = 0; row < table.size; row++) {
			int a = localModel[table.modelA[row]];
			int b = localModel[table.modelB[row]];
			int key = Math.min(a, b) * m + Math.max(a, b);
			if (pairOf[key] < 0) {
				pairFirst[pairs] = Math.min(a, b);
				pairSecond[pairs] = Math.max(a, b);
				pairOf[key] = pairs++;
			}
		}
		this.first = Arrays.copyOf(pairFirst, pairs);
		this.second = Arrays.copyOf(pairSecond, pairs);

		int items = table.itemIds.size();
		int[] rowStart = new int[items + 1];
		for (int row = 0; row < table.size; row++) {
			rowStart[table.item[row] + 1]++;
		}
		for (int item = 0; item < items; item++) {
			rowStart[item + 1] += rowStart[item];
		}
		int[] next = Arrays.copyOf(rowStart, items);
		int[] rowsByItem = new int[table.size];
		for (int row = 0; row < table.size; row++) {
			rowsByItem[next[table.item[row]]++] = row;
		}

		this.itemStart = new int[items + 1];
		int[] entryPairBuffer = new int[Math.max(table.size, 1)];
		int[] entryHalfBuffer = new int[entryPairBuffer.length];
		int[] entryCountBuffer = new int[entryPairBuffer.length];
		int[] halfPoints = new int[pairs];
		int[] counts = new int[pairs];
		int[] touched = new int[pairs];
		int entries = 0;
		for (int item = 0; item < items; item++) {
			int touchedCount = 0;
			for (int i = rowStart[item]; i < rowStart[item + 1]; i++) {
				int row = rowsByItem[i];
				int a = localModel[table.modelA[row]];
				int b = localModel[table.modelB[row]];
				int pair = pairOf[Math.min(a, b) * m + Math.max(a, b)];
				if (counts[pair] == 0) {
					touched[touchedCount++] = pair;
				}
				counts[pair]++;
				halfPoints[pair] += firstHalfPoints(table.outcome(row), a < b);
			}
			for (int t = 0; t < touchedCount; t++) {
				int pair = touched[t];
				entryPairBuffer[entries] = pair;
				entryHalfBuffer[entries] = halfPoints[pair];
				entryCountBuffer[entries] = counts[pair];
				entries++;
				halfPoints[pair] = 0;
				counts[pair] = 0;
			}
			itemStart[item + 1] = entries;
		}
		this.entryPair = Arrays.copyOf(entryPairBuffer, entries);
		this.entryFirstHalfPoints = Arrays.copyOf(entryHalfBuffer, entries);
		this.entryCount = Arrays.copyOf(entryCountBuffer, entries);
	}

	static MultiModelResult rank(JudgmentTable table, Bootstrap bootstrap) {
		return new MultiModelAnalysis(table).result(bootstrap);
	}

	private MultiModelResult result(Bootstrap bootstrap) {
		int m = models.length;
		double[] firstScore = new double[first.length];
		double[] count = new double[first.length];
		int[] comparisons = new int[m];
		for (int e = 0; e < entryPair.length; e++) {
			firstScore[entryPair[e]] += entryFirstHalfPoints[e] / 2.0;
			count[entryPair[e]] += entryCount[e];
		}
		for (int p = 0; p < first.length; p++) {
			comparisons[first[p]] += (int) count[p];
			comparisons[second[p]] += (int) count[p];
		}
		SortedMap<String, SortedMap<String, PairwiseCell>> observed = observed(firstScore, count);

		BradleyTerry model = new BradleyTerry(m, first, second);
		if (m < 2 || !model.estimable(firstScore, count)) {
			List<ModelRating> ratings = new ArrayList<>();
			for (int i = 0; i < m; i++) {
				ratings.add(new ModelRating(models[i], comparisons[i], null, null));
			}
			return new MultiModelResult(false, ratings, Collections.emptySortedMap(), observed, 0);
		}
		double[] unit = new double[m];
		Arrays.fill(unit, 1.0);
		double[] strength = model.fit(firstScore, count, unit, FULL_FIT_TOLERANCE);
		double[] elo = BradleyTerry.elo(strength);
		double[][] replicateElo = bootstrapElo(model, strength, bootstrap);

		List<ModelRating> ratings = new ArrayList<>();
		int replicatesUsed = 0;
		for (int replicate = 0; replicate < bootstrap.replicates(); replicate++) {
			replicatesUsed += Double.isNaN(replicateElo[0][replicate]) ? 0 : 1;
		}
		for (int i = 0; i < m; i++) {
			ratings.add(new ModelRating(models[i], comparisons[i], elo[i], Percentiles.central95(replicateElo[i])));
		}
		ratings.sort(Comparator.comparing(ModelRating::elo).reversed());
		return new MultiModelResult(true, ratings, winProbability(strength), observed, replicatesUsed);
	}

	/**
	 * Elo of each model in each replicate; NaN in replicates where the estimate does not
	 * exist.
	 */
	private double[][] bootstrapElo(BradleyTerry model, double[] fullStrength, Bootstrap bootstrap) {
		int m = models.length;
		int pairs = first.length;
		int items = itemStart.length - 1;
		double[][] replicateElo = new double[m][bootstrap.replicates()];
		if (items == 0 || bootstrap.replicates() == 0) {
			return replicateElo;
		}
		UniformIndex draw = new UniformIndex(items);
		Replicates.run(bootstrap, () -> {
			int[] multiplicity = new int[items];
			long[] halfPoints = new long[pairs];
			long[] counts = new long[pairs];
			double[] firstScore = new double[pairs];
			double[] count = new double[pairs];
			return (replicate, random) -> {
				Arrays.fill(multiplicity, 0);
				for (int drawn = 0; drawn < items; drawn++) {
					multiplicity[draw.next(random)]++;
				}
				// One sequential pass over the items' pair totals, weighted by how often
				// each item was drawn.
				Arrays.fill(halfPoints, 0);
				Arrays.fill(counts, 0);
				for (int item = 0; item < items; item++) {
					int weight = multiplicity[item];
					if (weight == 0) {
						continue;
					}
					for (int e = itemStart[item]; e < itemStart[item + 1]; e++) {
						halfPoints[entryPair[e]] += (long) weight * entryFirstHalfPoints[e];
						counts[entryPair[e]] += (long) weight * entryCount[e];
					}
				}
				for (int p = 0; p < pairs; p++) {
					firstScore[p] = halfPoints[p] / 2.0;
					count[p] = counts[p];
				}
				if (!model.estimable(firstScore, count)) {
					for (int i = 0; i < m; i++) {
						replicateElo[i][replicate] = Double.NaN;
					}
					return;
				}
				double[] elo = BradleyTerry.elo(model.fit(firstScore, count, fullStrength, REPLICATE_FIT_TOLERANCE));
				for (int i = 0; i < m; i++) {
					replicateElo[i][replicate] = elo[i];
				}
			};
		});
		return replicateElo;
	}

	private SortedMap<String, SortedMap<String, PairwiseCell>> observed(double[] firstScore, double[] count) {
		SortedMap<String, SortedMap<String, PairwiseCell>> observed = new TreeMap<>();
		for (int p = 0; p < first.length; p++) {
			int n = (int) count[p];
			observed.computeIfAbsent(models[first[p]], (model) -> new TreeMap<>())
				.put(models[second[p]], new PairwiseCell(n, firstScore[p] / n));
			observed.computeIfAbsent(models[second[p]], (model) -> new TreeMap<>())
				.put(models[first[p]], new PairwiseCell(n, (n - firstScore[p]) / n));
		}
		return readOnly(observed);
	}

	private SortedMap<String, SortedMap<String, Double>> winProbability(double[] strength) {
		SortedMap<String, SortedMap<String, Double>> probability = new TreeMap<>();
		for (int i = 0; i < models.length; i++) {
			SortedMap<String, Double> row = new TreeMap<>();
			for (int j = 0; j < models.length; j++) {
				if (i != j) {
					row.put(models[j], strength[i] / (strength[i] + strength[j]));
				}
			}
			probability.put(models[i], row);
		}
		return readOnly(probability);
	}

	/**
	 * Half points of the pair's first model (the one whose name sorts first) for one
	 * judgment.
	 */
	private static int firstHalfPoints(Outcome outcome, boolean firstIsA) {
		if (!outcome.isDecisive()) {
			return 1;
		}
		return ((outcome == Outcome.A) == firstIsA) ? 2 : 0;
	}

	private static <V> SortedMap<String, SortedMap<String, V>> readOnly(SortedMap<String, SortedMap<String, V>> map) {
		map.replaceAll((key, row) -> Collections.unmodifiableSortedMap(row));
		return Collections.unmodifiableSortedMap(map);
	}

}
