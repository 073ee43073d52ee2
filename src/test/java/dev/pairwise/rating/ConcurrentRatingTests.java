package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assignment invariants under real concurrency: many raters on their own threads rate
 * a study through HTTP until nothing is left, then coverage must be exact.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConcurrentRatingTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fiftyConcurrentRatersCoverEveryTaskExactlyKTimes() throws Exception {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy("fifty raters", Map.of("ratingsPerTask", 3));
		List<String> tokens = fixture.invite(study, 50, null);
		int judged = rateUntilDone(tokens, true);

		assertThat(judged).isEqualTo(190 * 3);
		assertExactCoverage(study, 190, 3);
		int leftIsA = this.jdbc.sql("select count(*) from judgment where study_id = ? and left_is_a = true")
			.param(study)
			.query(Integer.class)
			.single();
		// A fair coin over 570 assignments: 285 expected, standard deviation about 12.
		assertThat(leftIsA).isBetween(285 - 60, 285 + 60);
	}

	@Test
	void fiveRatersFinishAKEquals3StudyWithExactCoverage() throws Exception {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy("five raters", Map.of("ratingsPerTask", 3));
		List<String> tokens = fixture.invite(study, 5, null);
		int judged = rateUntilDone(tokens, false);

		assertThat(judged).isEqualTo(570);
		assertExactCoverage(study, 190, 3);
		List<Integer> perRater = this.jdbc
			.sql("select count(*) from judgment where study_id = ? group by rater_id order by rater_id")
			.param(study)
			.query(Integer.class)
			.list();
		assertThat(perRater).hasSize(5);
		assertThat(perRater.stream().mapToInt(Integer::intValue).sum()).isEqualTo(570);
	}

	@Test
	void fiveRatersAnsweringAndTakingTheNextTaskInOneRequestCoverEveryTaskExactlyKTimes() throws Exception {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy("one request each", Map.of("ratingsPerTask", 3));
		List<String> tokens = fixture.invite(study, 5, null);
		ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
		try {
			List<Future<Integer>> raters = new ArrayList<>();
			for (String token : tokens) {
				raters.add(pool.submit(() -> rateInOneRequestEach(token)));
			}
			int total = 0;
			for (Future<Integer> rater : raters) {
				total += rater.get();
			}
			assertThat(total).isEqualTo(570);
		}
		finally {
			pool.shutdownNow();
		}
		assertExactCoverage(study, 190, 3);
	}

	/**
	 * Asks for the first task, then answers each task with {@code next=true} until no
	 * next task comes back; every tenth answer is sent twice, and the repeat must bring
	 * the same next task, not a second lease.
	 */
	private int rateInOneRequestEach(String token) {
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		String[] choices = { "1", "2", "tie", "both-bad" };
		Response first = rater.get("/api/rate/" + token + "/next");
		JsonNode task = (first.status() == 204) ? null : first.json();
		int judged = 0;
		while (task != null && !task.isNull()) {
			Map<String, Object> answer = Map.of("assignmentId", task.path("assignmentId").asLong(), "choice",
					choices[ThreadLocalRandom.current().nextInt(choices.length)]);
			Response judgment = rater.postJson("/api/rate/" + token + "/judgments?next=true", answer);
			assertThat(judgment.status()).as(judgment.body()).isEqualTo(201);
			JsonNode next = judgment.json().path("next");
			if (ThreadLocalRandom.current().nextInt(10) == 0) {
				Response again = rater.postJson("/api/rate/" + token + "/judgments?next=true", answer);
				assertThat(again.status()).as(again.body()).isEqualTo(200);
				assertThat(again.json().path("next").path("assignmentId").asLong())
					.isEqualTo(next.path("assignmentId").asLong());
			}
			judged++;
			task = next;
		}
		return judged;
	}

	/**
	 * Each rater asks for work and answers at random until told nothing is left; returns
	 * judgments made.
	 */
	private int rateUntilDone(List<String> tokens, boolean doubleSubmit) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
		try {
			List<Future<Integer>> raters = new ArrayList<>();
			for (String token : tokens) {
				raters.add(pool.submit(() -> rate(token, doubleSubmit)));
			}
			int total = 0;
			for (Future<Integer> rater : raters) {
				total += rater.get();
			}
			return total;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private int rate(String token, boolean doubleSubmit) {
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		String[] choices = { "1", "2", "tie", "both-bad" };
		int judged = 0;
		while (true) {
			Response next = rater.get("/api/rate/" + token + "/next");
			if (next.status() == 204) {
				return judged;
			}
			assertThat(next.status()).as(next.body()).isEqualTo(200);
			JsonNode task = next.json();
			Map<String, Object> answer = Map.of("assignmentId", task.path("assignmentId").asLong(), "choice",
					choices[ThreadLocalRandom.current().nextInt(choices.length)]);
			Response judgment = rater.postJson("/api/rate/" + token + "/judgments", answer);
			assertThat(judgment.status()).as(judgment.body()).isEqualTo(201);
			if (doubleSubmit) {
				assertThat(rater.postJson("/api/rate/" + token + "/judgments", answer).status()).isEqualTo(200);
			}
			judged++;
		}
	}

	private void assertExactCoverage(long study, int tasks, int k) {
		List<Integer> judgmentsPerTask = this.jdbc.sql("""
				select (select count(*) from judgment j where j.task_id = t.id) from task t
				where t.study_id = ? and t.attention_kind is null""").param(study).query(Integer.class).list();
		assertThat(judgmentsPerTask).hasSize(tasks).allSatisfy((n) -> assertThat(n).isEqualTo(k));
		assertThat(this.jdbc.sql("select count(*) from task where study_id = ? and (accepted <> ? or leased <> 0)")
			.params(study, k)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from (select task_id, rater_id from judgment where study_id = ?
				group by task_id, rater_id having count(*) > 1) twice""").param(study).query(Integer.class).single())
			.as("no rater judged a task twice")
			.isZero();
	}

}
