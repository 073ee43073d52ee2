package dev.pairwise.evalset;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two uploads of the same eval set at once: one stores it, the other is told it exists
 * (409), never a 500, and the set is stored once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConcurrentEvalSetImportTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theLoserOfTwoConcurrentUploadsOfOneSetIsToldItExists() {
		StringBuilder items = new StringBuilder();
		for (int i = 0; i < 14_000; i++) {
			items.append("{\"id\":\"q")
				.append(i)
				.append("\",\"category\":\"c\",\"setting\":\"zero-shot\",")
				.append("\"prompt\":\"A prompt long enough to take the database a moment, number ")
				.append(i)
				.append("\"}\n");
		}
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Response>> uploads = IntStream.range(0, 2)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
				awaitQuietly(start);
				return HttpTestClient.admin(this.port)
					.postJsonl("/api/eval-sets?name=raced&version=1", items.toString());
			}))
			.toList();
		start.countDown();
		List<Response> answers = uploads.stream().map(CompletableFuture::join).toList();

		assertThat(answers).extracting(Response::status).as(answers.toString()).containsExactlyInAnyOrder(201, 409);
		Response loser = answers.stream().filter((answer) -> answer.status() == 409).findFirst().orElseThrow();
		assertThat(loser.json().path("detail").asString())
			.isEqualTo("Eval set 'raced' version '1' already exists; upload it under a new version to keep both.");
		assertThat(this.jdbc
			.sql("select count(*) from item i join eval_set s on s.id = i.eval_set_id" + " where s.name = 'raced'")
			.query(Integer.class)
			.single()).isEqualTo(14_000);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
