package dev.pairwise.results.stats;

import java.util.Arrays;

/**
 * Percentile bootstrap of ratio estimates (sum of a numerator over sum of a denominator)
 * in which items are resampled, because the judgments of one item are not independent:
 * all of an item's judgments move together. Items are aggregated beforehand, so a
 * replicate costs one draw per item, not per judgment.
 * <p>
 * One resample of all items serves every group of a replicate: a group's estimate is the
 * ratio over the resampled items that belong to it. A group's item count therefore varies
 * between replicates, as in a Poisson bootstrap of the group alone; a replicate in which
 * a group's denominator is zero (none of its items drawn, or under
 * {@link TiePolicy#EXCLUDE} nothing but ties) does not count for that group.
 */
final class ItemBootstrap {

	private ItemBootstrap() {
	}

	/**
	 * @param itemCell each item's cell, in {@code [0, cells)}
	 * @param cells number of cells
	 * @param numerator each item's numerator
	 * @param denominator each item's denominator
	 * @param groupCells for each reported group, the cells it is made of
	 * @param bootstrap replicates and seed
	 * @return each group's central 95% interval; entries are null when the bootstrap is
	 * off, when there is no item, or when no replicate defines the group's ratio
	 */
	static Interval[] ratioIntervals(int[] itemCell, int cells, int[] numerator, int[] denominator, int[][] groupCells,
			Bootstrap bootstrap) {
		int items = itemCell.length;
		int replicates = bootstrap.replicates();
		Interval[] intervals = new Interval[groupCells.length];
		if (items == 0 || replicates == 0) {
			return intervals;
		}
		double[][] estimates = new double[groupCells.length][replicates];
		UniformIndex draw = new UniformIndex(items);
		Replicates.run(bootstrap, () -> {
			long[] cellNumerator = new long[cells];
			long[] cellDenominator = new long[cells];
			return (replicate, random) -> {
				Arrays.fill(cellNumerator, 0);
				Arrays.fill(cellDenominator, 0);
				for (int drawn = 0; drawn < items; drawn++) {
					int item = draw.next(random);
					int cell = itemCell[item];
					cellNumerator[cell] += numerator[item];
					cellDenominator[cell] += denominator[item];
				}
				for (int group = 0; group < groupCells.length; group++) {
					long groupNumerator = 0;
					long groupDenominator = 0;
					for (int cell : groupCells[group]) {
						groupNumerator += cellNumerator[cell];
						groupDenominator += cellDenominator[cell];
					}
					estimates[group][replicate] = (groupDenominator == 0) ? Double.NaN
							: (double) groupNumerator / groupDenominator;
				}
			};
		});
		for (int group = 0; group < groupCells.length; group++) {
			intervals[group] = Percentiles.central95(estimates[group]);
		}
		return intervals;
	}

}
