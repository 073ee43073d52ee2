package dev.pairwise.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two loads of the rating loop. Closed: each simulated rater judges again as soon as
 * its judgment is answered (no think time), so the rate is what the app sustains. Open:
 * judgments start at Poisson arrivals at a fixed offered rate, whatever the app does, and
 * each one's latency runs from its scheduled start, so a stall is counted in every
 * judgment it delays (no coordinated omission).
 */
final class RatingLoad {

	private static final long STOP = Long.MIN_VALUE;

	private RatingLoad() {
	}

	/**
	 * One rater per token, warming up first; only judgments started and answered inside
	 * the measured window count.
	 */
	static Result closed(int port, List<String> tokens, long warmupMillis, long measureMillis, Window window)
			throws InterruptedException {
		long windowStart = System.nanoTime() + warmupMillis * 1_000_000;
		long windowEnd = windowStart + measureMillis * 1_000_000;
		Thread marker = new Thread(() -> {
			sleepUntil(windowStart);
			window.opens();
			sleepUntil(windowEnd);
			window.closes();
		}, "window");
		marker.start();
		Tally tally = new Tally();
		CountDownLatch done = new CountDownLatch(tokens.size());
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			Thread thread = new Thread(() -> {
				Samples samples = new Samples();
				try (RatingClient rater = new RatingClient(port, token)) {
					try {
						boolean more = rater.start();
						while (more && System.nanoTime() < windowEnd) {
							long start = System.nanoTime();
							more = rater.judge();
							long end = System.nanoTime();
							if (start >= windowStart && end < windowEnd) {
								samples.add(end - start);
							}
						}
					}
					catch (RuntimeException ex) {
						tally.error(ex.toString());
					}
					tally.add(samples, rater);
				}
				finally {
					done.countDown();
				}
			}, "rater-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		done.await();
		marker.join();
		return tally.result(measureMillis / 1000.0);
	}

	/**
	 * Judgments started at Poisson arrivals of {@code perSecond} for
	 * {@code measureMillis}, each by the next idle rater of {@code tokens}; the latency
	 * of each runs from its scheduled start to its answer.
	 */
	static Result open(int port, List<String> tokens, double perSecond, long measureMillis, Window window)
			throws InterruptedException {
		BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
		Tally tally = new Tally();
		CountDownLatch done = new CountDownLatch(tokens.size());
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			Thread thread = new Thread(() -> {
				Samples samples = new Samples();
				try (RatingClient rater = new RatingClient(port, token)) {
					try {
						boolean more = rater.start();
						for (long scheduled = arrivals.take(); scheduled != STOP && more; scheduled = arrivals.take()) {
							more = rater.judge();
							samples.add(System.nanoTime() - scheduled);
						}
					}
					catch (RuntimeException ex) {
						tally.error(ex.toString());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					tally.add(samples, rater);
				}
				finally {
					done.countDown();
				}
			}, "open-rater-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		// Let every rater take its first task before the clock starts.
		AppProcess.sleep(2000);
		SplittableRandom random = new SplittableRandom(23);
		long start = System.nanoTime();
		long end = start + measureMillis * 1_000_000;
		window.opens();
		long scheduled = start;
		while (true) {
			scheduled += (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
			if (scheduled >= end) {
				break;
			}
			sleepUntil(scheduled);
			arrivals.add(scheduled);
		}
		for (int i = 0; i < tokens.size(); i++) {
			arrivals.add(STOP);
		}
		done.await();
		window.closes();
		return tally.result(measureMillis / 1000.0);
	}

	private static void sleepUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			AppProcess.sleep(left / 1_000_000, (int) (left % 1_000_000));
		}
	}

	/**
	 * Told when the measured window opens and closes, to take measurements of its own.
	 */
	interface Window {

		void opens();

		void closes();

	}

	static final Window NO_WINDOW = new Window() {

		@Override
		public void opens() {
		}

		@Override
		public void closes() {
		}

	};

	/**
	 * {@code latencyNanos} sorted; {@code oneRoundTrip} whether the app answered the
	 * judgments with the next task (the fallback asks {@code GET /next}).
	 */
	record Result(long judgments, long allJudgments, double seconds, long[] latencyNanos, long errors, long duplicates,
			boolean oneRoundTrip, List<String> firstErrors) {

		double perSecond() {
			return this.judgments / this.seconds;
		}

		double p50() {
			return Report.millisAt(this.latencyNanos, 0.5);
		}

		double p99() {
			return Report.millisAt(this.latencyNanos, 0.99);
		}

		String mode() {
			return this.oneRoundTrip ? "one round trip (`POST judgments?next=true` answers the next task)"
					: "two round trips (`POST judgments`, then `GET next`: the app answered without `next`)";
		}

	}

	/** What the raters of one load add up to. */
	private static final class Tally {

		private final Samples latencies = new Samples();

		private final List<String> firstErrors = new ArrayList<>();

		private final AtomicLong errors = new AtomicLong();

		private long duplicates;

		private long allJudgments;

		private boolean oneRoundTrip;

		synchronized void add(Samples samples, RatingClient rater) {
			this.latencies.addAll(samples);
			this.duplicates += rater.duplicates;
			this.allJudgments += rater.judgments;
			this.oneRoundTrip |= Boolean.TRUE.equals(rater.oneRoundTrip());
		}

		synchronized void error(String message) {
			this.errors.incrementAndGet();
			if (this.firstErrors.size() < 5) {
				this.firstErrors.add(message);
			}
		}

		synchronized Result result(double seconds) {
			return new Result(this.latencies.size, this.allJudgments, seconds, this.latencies.sorted(),
					this.errors.get(), this.duplicates, this.oneRoundTrip, List.copyOf(this.firstErrors));
		}

	}

	/** A growable array of nanosecond samples. */
	static final class Samples {

		private long[] values = new long[256];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		void addAll(Samples other) {
			for (int i = 0; i < other.size; i++) {
				add(other.values[i]);
			}
		}

		long[] sorted() {
			return Report.sorted(this.values, this.size);
		}

	}

}
