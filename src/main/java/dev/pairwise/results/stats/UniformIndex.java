package dev.pairwise.results.stats;

import java.util.SplittableRandom;

/**
 * Unbiased uniform draws from {@code [0, bound)} by Lemire's multiply-and-reject method
 * ("Fast Random Integer Generation in an Interval", 2019). The bootstrap makes hundreds
 * of millions of draws; this avoids the integer division of
 * {@link SplittableRandom#nextInt(int)} on almost every draw.
 */
final class UniformIndex {

	private final long bound;

	private final long rejectBelow;

	UniformIndex(int bound) {
		if (bound <= 0) {
			throw new IllegalArgumentException("bound must be positive, got " + bound);
		}
		this.bound = bound;
		this.rejectBelow = Integer.toUnsignedLong(Integer.remainderUnsigned(-bound, bound));
	}

	int next(SplittableRandom random) {
		long product = Integer.toUnsignedLong(random.nextInt()) * bound;
		while ((product & 0xFFFFFFFFL) < rejectBelow) {
			product = Integer.toUnsignedLong(random.nextInt()) * bound;
		}
		return (int) (product >>> 32);
	}

}
