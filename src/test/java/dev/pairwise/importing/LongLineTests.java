package dev.pairwise.importing;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line longer than {@code pairwise.uploads.max-line} (here 1 KB, 16 MB by default) is
 * refused as soon as it is met, with a 400 naming the line, in JSON Lines and in CSV,
 * instead of being gathered in memory whole.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pairwise.uploads.max-line=1KB")
@ActiveProfiles("test")
class LongLineTests {

	@LocalServerPort
	int port;

	@Test
	void aLineOverTheLimitIsRefusedNamingTheLine() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		String item = "{\"id\":\"%s\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"%s\"}\n";
		Response items = admin.postJsonl("/api/eval-sets?name=long-lines&version=1",
				item.formatted("a", "short") + item.formatted("b", "x".repeat(2000)));
		assertThat(items.status()).isEqualTo(400);
		assertThat(items.firstError()).isEqualTo(
				"2///line 2 is longer than 1024 characters (pairwise.uploads.max-line); nothing of the file was imported");

		assertThat(admin.postJsonl("/api/eval-sets?name=long-lines&version=1", item.formatted("a", "short")).status())
			.isEqualTo(201);
		Response outputs = admin.post("/api/eval-sets/long-lines/outputs", "text/csv",
				"item_id,alpha\n" + "a," + "y".repeat(3000) + "\n");
		assertThat(outputs.status()).isEqualTo(400);
		assertThat(outputs.firstError()).isEqualTo(
				"2///line 2 is longer than 1024 characters (pairwise.uploads.max-line); nothing of the file was imported");
	}

}
