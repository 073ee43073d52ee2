package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's finding: eight parallel {@code next} calls of a rater with quota 1 got up
 * to four leases and four accepted judgments. A rater's requests take their rater row's
 * lock first ({@code RatingRepository.lockAndCheckExcluded}), so they run one after the
 * other: one lease, and never more judgments than the quota. Real parallel HTTP requests;
 * on H2 and, in the PostgreSQL pass, on PostgreSQL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ParallelRequestsOfOneRaterTests {

	private static final int PARALLEL = 8;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void eightParallelNextCallsWithQuotaOneGiveOneLeaseAndOneAcceptedJudgment() throws Exception {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("parallel quota"),
				Map.of("ratingsPerTask", 3, "attentionCheckRate", 0.0));
		String token = fixture.invite(study, 1, 1).get(0);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);

		List<Response> nexts = inParallel(() -> rater.get("/api/rate/" + token + "/next"));

		assertThat(nexts).allSatisfy((next) -> assertThat(next.status()).isEqualTo(200));
		assertThat(nexts.stream().map((next) -> next.json().path("assignmentId").asLong()).distinct())
			.as("every call got the same task")
			.hasSize(1);
		assertThat(count("select count(*) from assignment where study_id = ?", study)).as("leases").isEqualTo(1);
		long assignment = nexts.get(0).json().path("assignmentId").asLong();

		List<Response> answers = inParallel(() -> rater.postJson("/api/rate/" + token + "/judgments",
				Map.of("assignmentId", assignment, "choice", "1")));
		assertThat(answers.stream().filter((answer) -> answer.status() == 201)).as("accepted once").hasSize(1);
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 201));

		List<Response> after = inParallel(() -> rater.get("/api/rate/" + token + "/next"));
		assertThat(after).allSatisfy((next) -> assertThat(next.status()).as("quota reached").isEqualTo(204));
		assertThat(count("select count(*) from judgment where study_id = ?", study)).isEqualTo(1);
		assertThat(count("select count(*) from assignment where study_id = ?", study)).isEqualTo(1);
	}

	/** The same request {@value #PARALLEL} times at once, released together. */
	private static List<Response> inParallel(Callable<Response> request) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < PARALLEL; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long count(String sql, long study) {
		return this.jdbc.sql(sql).param(study).query(Long.class).single();
	}

}
