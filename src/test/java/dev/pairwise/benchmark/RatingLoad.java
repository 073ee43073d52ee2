package dev.pairwise.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated raters without think time: each on its own thread and kept-alive connection
 * asks for work, answers at random, and now and then sends the same answer twice (a
 * double click), until the measured window ends. Only calls made inside the window count.
 */
final class RatingLoad {

	static final Pattern ASSIGNMENT = Pattern.compile("\"assignmentId\":(\\d+)");

	private static final String[] CHOICES = { "1", "2", "tie", "both-bad" };

	private RatingLoad() {
	}

	/**
	 * Runs one rater per token against each of the given ports in turn (rater i starts on
	 * port i mod n and alternates after every judgment), warming up first.
	 */
	static Result run(List<Integer> ports, List<String> tokens, long warmupMillis, long measureMillis, Window window)
			throws InterruptedException {
		long start = System.nanoTime();
		long windowStart = start + warmupMillis * 1_000_000;
		long windowEnd = windowStart + measureMillis * 1_000_000;
		Thread marker = new Thread(() -> {
			sleepUntil(windowStart);
			window.opens();
			sleepUntil(windowEnd);
			window.closes();
		}, "window");
		marker.start();
		List<Rater> raters = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(tokens.size());
		for (int i = 0; i < tokens.size(); i++) {
			Rater rater = new Rater(ports, i, tokens.get(i), windowStart, windowEnd);
			raters.add(rater);
			Thread thread = new Thread(() -> {
				try {
					rater.run();
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
		Samples next = new Samples();
		Samples submit = new Samples();
		long judgments = 0;
		long outsideWindow = 0;
		long errors = 0;
		long duplicates = 0;
		long finished = 0;
		List<String> firstErrors = new ArrayList<>();
		for (Rater rater : raters) {
			next.addAll(rater.next);
			submit.addAll(rater.submit);
			judgments += rater.judgmentsInWindow;
			outsideWindow += rater.judgmentsOutsideWindow;
			errors += rater.errors;
			duplicates += rater.duplicates;
			finished += rater.finished ? 1 : 0;
			if (rater.firstError != null && firstErrors.size() < 5) {
				firstErrors.add(rater.firstError);
			}
		}
		return new Result(judgments, outsideWindow, measureMillis / 1000.0, next.sorted(), submit.sorted(), errors,
				duplicates, finished, firstErrors);
	}

	private static void sleepUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			AppProcess.sleep(left / 1_000_000);
		}
	}

	/**
	 * Told when the measured window opens and closes, to take measurements of its own.
	 */
	interface Window {

		void opens();

		void closes();

	}

	record Result(long judgments, long judgmentsOutsideWindow, double seconds, long[] nextNanos, long[] submitNanos,
			long errors, long duplicates, long ratersFinished, List<String> firstErrors) {

		double perSecond() {
			return this.judgments / this.seconds;
		}

	}

	private static final class Rater {

		private static final AtomicLong SEEDS = new AtomicLong(7);

		private final List<KeepAliveHttp> connections = new ArrayList<>();

		private final int first;

		private final String token;

		private final long windowStart;

		private final long windowEnd;

		private final SplittableRandom random = new SplittableRandom(SEEDS.incrementAndGet());

		final Samples next = new Samples();

		final Samples submit = new Samples();

		long judgmentsInWindow;

		long judgmentsOutsideWindow;

		long errors;

		long duplicates;

		boolean finished;

		String firstError;

		Rater(List<Integer> ports, int index, String token, long windowStart, long windowEnd) {
			for (int port : ports) {
				this.connections.add(new KeepAliveHttp("127.0.0.1", port, null));
			}
			this.first = index % ports.size();
			this.token = token;
			this.windowStart = windowStart;
			this.windowEnd = windowEnd;
		}

		void run() {
			int turn = this.first;
			String nextPath = "/api/rate/" + this.token + "/next";
			String judgmentPath = "/api/rate/" + this.token + "/judgments";
			try {
				while (System.nanoTime() < this.windowEnd) {
					KeepAliveHttp http = this.connections.get(turn++ % this.connections.size());
					long t0 = System.nanoTime();
					KeepAliveHttp.Response task = http.get(nextPath);
					long t1 = System.nanoTime();
					record(this.next, t0, t1);
					if (task.status() == 204) {
						this.finished = true;
						return;
					}
					if (task.status() != 200) {
						error("next " + task.status() + " " + task.body());
						continue;
					}
					Matcher assignment = ASSIGNMENT.matcher(task.body());
					if (!assignment.find()) {
						error("next without assignmentId");
						continue;
					}
					String answer = "{\"assignmentId\":" + assignment.group(1) + ",\"choice\":\""
							+ CHOICES[this.random.nextInt(CHOICES.length)] + "\",\"elapsedMs\":"
							+ (3000 + this.random.nextInt(60_000)) + "}";
					long t2 = System.nanoTime();
					KeepAliveHttp.Response judged = http.postJson(judgmentPath, answer);
					long t3 = System.nanoTime();
					record(this.submit, t2, t3);
					if (judged.status() != 201) {
						error("judgment " + judged.status() + " " + judged.body());
						continue;
					}
					if (t3 >= this.windowStart && t3 < this.windowEnd) {
						this.judgmentsInWindow++;
					}
					else {
						this.judgmentsOutsideWindow++;
					}
					if (this.random.nextInt(100) == 0) {
						this.duplicates++;
						if (http.postJson(judgmentPath, answer).status() != 200) {
							error("the same answer again was not 200");
						}
					}
				}
			}
			catch (RuntimeException ex) {
				error(ex.toString());
			}
			finally {
				this.connections.forEach(KeepAliveHttp::close);
			}
		}

		private void record(Samples samples, long from, long to) {
			if (from >= this.windowStart && from < this.windowEnd) {
				samples.add(to - from);
			}
		}

		private void error(String message) {
			this.errors++;
			if (this.firstError == null) {
				this.firstError = message;
			}
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
