package dev.pairwise.results.stats;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs bootstrap replicates in parallel, reproducibly: every replicate gets its own
 * generator, split from the seed in replicate order before any work starts, so the result
 * depends on the seed and never on the number of threads or their scheduling.
 */
final class Replicates {

	/**
	 * Work units: enough for a few cores to balance, few enough that per-unit scratch
	 * arrays stay cheap.
	 */
	private static final int CHUNKS = 16;

	private Replicates() {
	}

	/**
	 * One worker per chunk of replicates, so a worker may keep scratch arrays between
	 * replicates.
	 */
	interface Worker {

		void run(int replicate, SplittableRandom random);

	}

	static void run(Bootstrap bootstrap, Supplier<Worker> workers) {
		int replicates = bootstrap.replicates();
		SplittableRandom root = new SplittableRandom(bootstrap.seed());
		SplittableRandom[] randoms = new SplittableRandom[replicates];
		for (int replicate = 0; replicate < replicates; replicate++) {
			randoms[replicate] = root.split();
		}
		int chunks = Math.min(CHUNKS, replicates);
		IntStream.range(0, chunks).parallel().forEach((chunk) -> {
			Worker worker = workers.get();
			int end = (int) ((long) replicates * (chunk + 1) / chunks);
			for (int replicate = (int) ((long) replicates * chunk / chunks); replicate < end; replicate++) {
				worker.run(replicate, randoms[replicate]);
			}
		});
	}

}
