package dev.pairwise.results.stats;

/**
 * Settings of the item bootstrap. The same seed, replicates and judgments always give the
 * same intervals, whatever the number of threads.
 *
 * @param replicates number of bootstrap replicates; 0 turns the bootstrap off (intervals
 * are then null)
 * @param seed seed of the random generator
 */
public record Bootstrap(int replicates, long seed) {

	/** B = 2000, the DESIGN default. */
	public static final int DEFAULT_REPLICATES = 2000;

	public Bootstrap {
		if (replicates < 0) {
			throw new IllegalArgumentException("replicates must not be negative, got " + replicates);
		}
	}

	public static Bootstrap withSeed(long seed) {
		return new Bootstrap(DEFAULT_REPLICATES, seed);
	}

}
