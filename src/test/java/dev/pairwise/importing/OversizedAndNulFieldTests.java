package dev.pairwise.importing;

import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields that the database cannot hold (longer than their column, or holding a NUL
 * character, which PostgreSQL refuses in text) are import errors at their line and field,
 * not a database failure (500) on one engine and a silent success on the other.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OversizedAndNulFieldTests {

	private static final AtomicInteger SETS = new AtomicInteger();

	private static final String MILLION_AND_ONE = "x".repeat(1_000_001);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
	}

	@Test
	void anItemFieldLongerThanItsColumnIsALineError() {
		assertItemsRefused(item("q2", "c", "\"" + MILLION_AND_ONE + "\"", null),
				"2//prompt/is longer than 1000000 characters");
		assertItemsRefused(item("q2", "c".repeat(101), "\"p\"", null), "2//category/is longer than 100 characters");
		String exemplars = "[{\"input\":\"" + "i".repeat(600_000) + "\",\"output\":\"" + "o".repeat(600_000) + "\"}]";
		assertItemsRefused(item("q2", "c", "\"p\"", exemplars),
				"2//exemplars/is longer than 1000000 characters as JSON");
	}

	@Test
	void aNulCharacterInAnItemIsALineError() {
		assertItemsRefused(item("q2", "c", "\"before\\u0000after\"", null),
				"2//prompt/contains a NUL character (U+0000), which is not text");
		assertItemsRefused(item("q\\u00002", "c", "\"p\"", null),
				"2//id/contains a NUL character (U+0000), which is not text");
	}

	@Test
	void anOutputFieldLongerThanItsColumnOrHoldingNulIsALineError() {
		assertOutputsRefused("application/x-ndjson",
				"{\"item_id\":\"creativity-01\",\"output\":\"ok\"}\n{\"item_id\":\"creativity-02\",\"output\":\""
						+ MILLION_AND_ONE + "\"}\n",
				"2//output/is longer than 1000000 characters");
		assertOutputsRefused("application/x-ndjson", "{\"item_id\":\"creativity-01\",\"output\":\"a\\u0000b\"}\n",
				"1//output/contains a NUL character (U+0000), which is not text");
		assertOutputsRefused("application/x-ndjson",
				"{\"item_id\":\"creativity-01\",\"output\":\"o\",\"meta\":{\"m\":\"" + "m".repeat(100_001) + "\"}}\n",
				"1//meta/is longer than 100000 characters as JSON");
		assertOutputsRefused("text/csv", "item_id,model,output\ncreativity-01,nul-csv,\"a\u0000b\"\n",
				"2/3/output/contains a NUL character (U+0000), which is not text");
		assertOutputsRefused("text/csv", "item_id,wide-nul\ncreativity-01,\"" + MILLION_AND_ONE + "\"\n",
				"2/2/wide-nul/is longer than 1000000 characters");
	}

	@Test
	void aJudgmentWithATimeOutsideTheDatabasesRangeOrNulIsALineError() {
		Response study = this.admin.postJson("/api/studies", java.util.Map.of("name", "judgment limits", "evalSet",
				"flan-style-190", "models", java.util.List.of("instruction-tuned-demo", "base-demo")));
		long id = study.json().path("id").asLong();
		for (String[] bad : new String[][] { { "\"created_at\":\"+999999999-12-31T23:59:59Z\"", "2//created_at/" },
				{ "\"created_at\":\"294277-01-01T00:00:00Z\"", "2//created_at/" },
				{ "\"created_at\":\"0000-01-01T00:00:00Z\"", "2//created_at/" },
				{ "\"reason\":\"a\\u0000b\"", "2//reason/contains a NUL character (U+0000), which is not text" },
				{ "\"judge\":\"a\\u0000b\"", "2//judge/contains a NUL character (U+0000), which is not text" } }) {
			int before = count("judgment");
			String good = "{\"item_id\":\"planning-01\",\"model_a\":\"instruction-tuned-demo\",\"model_b\":\"base-demo\","
					+ "\"winner\":\"tie\",\"judge\":\"j\"";
			Response response = this.admin.postJsonl("/api/studies/" + id + "/judgments?source=limits",
					good + "}\n" + good.replace("\"judge\":\"j\"", "\"judge\":\"k\"") + "," + bad[0] + "}\n");
			assertThat(response.status()).as(bad[0] + ": " + response.body()).isEqualTo(400);
			assertThat(response.firstError()).startsWith(bad[1]);
			assertThat(count("judgment")).isEqualTo(before);
		}
	}

	private void assertItemsRefused(String secondLine, String firstError) {
		String name = "oversized-" + SETS.incrementAndGet();
		int before = count("item");
		Response response = this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1",
				item("q1", "c", "\"fine\"", null) + "\n" + secondLine + "\n");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.firstError()).isEqualTo(firstError);
		assertThat(count("item")).isEqualTo(before);
	}

	private void assertOutputsRefused(String contentType, String body, String firstError) {
		int before = count("output");
		Response response = this.admin.post("/api/eval-sets/flan-style-190/outputs?model=oversized-model", contentType,
				body);
		assertThat(response.status()).as(response.body().substring(0, Math.min(500, response.body().length())))
			.isEqualTo(400);
		assertThat(response.firstError()).isEqualTo(firstError);
		assertThat(count("output")).isEqualTo(before);
	}

	private static String item(String id, String category, String promptJson, String exemplarsJson) {
		return "{\"id\":\"" + id + "\",\"category\":\"" + category + "\",\"setting\":\"zero-shot\",\"prompt\":"
				+ promptJson + ((exemplarsJson != null) ? ",\"exemplars\":" + exemplarsJson : "") + "}";
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

}
