package dev.pairwise.benchmark;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated rater on its own kept-alive connection. A judgment is one {@code POST
 * /api/rate/{token}/judgments?next=true}, whose answer carries the next task
 * ({@code "next"}); against an app that does not answer with {@code "next"} yet it asks
 * {@code GET /next} after each judgment, and {@link #oneRoundTrip()} tells which it saw.
 * Now and then it sends the same answer twice (a double click), which must answer 200.
 */
final class RatingClient implements AutoCloseable {

	static final Pattern ASSIGNMENT = Pattern.compile("\"assignmentId\":(\\d+)");

	private static final Pattern NEXT = Pattern.compile("\"next\":\\s*(null)?");

	private static final String[] CHOICES = { "1", "2", "tie", "both-bad" };

	private static final AtomicLong SEEDS = new AtomicLong(7);

	private final KeepAliveHttp http;

	private final String nextPath;

	private final String judgmentPath;

	private final SplittableRandom random = new SplittableRandom(SEEDS.incrementAndGet());

	private String assignmentId;

	private boolean finished;

	private Boolean oneRoundTrip;

	long judgments;

	long duplicates;

	RatingClient(int port, String token) {
		this.http = new KeepAliveHttp("127.0.0.1", port, null);
		this.nextPath = "/api/rate/" + token + "/next";
		this.judgmentPath = "/api/rate/" + token + "/judgments";
	}

	/**
	 * Asks for the first task (or the one held since before); false when there is none.
	 */
	boolean start() {
		KeepAliveHttp.Response task = this.http.get(this.nextPath);
		return take(task.status(), task.body(), 0);
	}

	/**
	 * Answers the task held and takes the next; false when the rater has no more tasks.
	 * Throws when the app answers anything unexpected.
	 */
	boolean judge() {
		if (this.finished) {
			return false;
		}
		String answer = "{\"assignmentId\":" + this.assignmentId + ",\"choice\":\""
				+ CHOICES[this.random.nextInt(CHOICES.length)] + "\",\"elapsedMs\":"
				+ (3000 + this.random.nextInt(60_000)) + "}";
		KeepAliveHttp.Response judged = this.http.postJson(this.judgmentPath + "?next=true", answer);
		if (judged.status() != 201) {
			throw new IllegalStateException("judgment " + judged.status() + " " + judged.body());
		}
		this.judgments++;
		if (this.random.nextInt(100) == 0) {
			this.duplicates++;
			KeepAliveHttp.Response again = this.http.postJson(this.judgmentPath, answer);
			if (again.status() != 200) {
				throw new IllegalStateException("the same answer again was " + again.status() + " " + again.body());
			}
		}
		Matcher next = NEXT.matcher(judged.body());
		if (next.find()) {
			this.oneRoundTrip = true;
			return (next.group(1) != null) ? finish() : take(200, judged.body(), next.end());
		}
		this.oneRoundTrip = false;
		KeepAliveHttp.Response task = this.http.get(this.nextPath);
		return take(task.status(), task.body(), 0);
	}

	/** Whether the app answered a judgment with the next task; null before a judgment. */
	Boolean oneRoundTrip() {
		return this.oneRoundTrip;
	}

	private boolean take(int status, String body, int from) {
		if (status == 204) {
			return finish();
		}
		Matcher assignment = ASSIGNMENT.matcher(body);
		if (status != 200 || !assignment.find(from)) {
			throw new IllegalStateException("next " + status + " " + body);
		}
		this.assignmentId = assignment.group(1);
		return true;
	}

	private boolean finish() {
		this.finished = true;
		return false;
	}

	@Override
	public void close() {
		this.http.close();
	}

}
