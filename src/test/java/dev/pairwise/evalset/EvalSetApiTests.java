package dev.pairwise.evalset;

import java.nio.charset.StandardCharsets;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.BeforeEach;
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
 * Eval-set upload through the real HTTP API: every bad case of DESIGN.md "Files", and
 * nothing stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EvalSetApiTests {

	private static final String GOOD_LINE = "{\"id\":\"a-01\",\"category\":\"planning\",\"setting\":\"zero-shot\",\"prompt\":\"Plan a day.\"}";

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
	void storesAValidSetAndReportsCountsPerCategoryAndSetting() {
		String body = GOOD_LINE + "\n"
				+ "{\"id\":\"a-01-cot\",\"category\":\"planning\",\"setting\":\"zero-shot-cot\",\"prompt\":\"Plan a day. Let's think step by step.\",\"variant_of\":\"a-01\"}\n"
				+ "{\"id\":\"a-02\",\"category\":\"creativity\",\"setting\":\"few-shot\",\"prompt\":\"Haiku on rain\",\"exemplars\":[{\"input\":\"Haiku on sun\",\"output\":\"...\"}]}\n";
		Response response = this.admin.postJsonl("/api/eval-sets?name=valid-set&version=1&title=Valid", body);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().path("items").asInt()).isEqualTo(3);
		assertThat(response.json().path("categories").toString()).isEqualTo("{\"planning\":2,\"creativity\":1}");
		assertThat(response.json().path("settings").toString())
			.isEqualTo("{\"zero-shot\":1,\"zero-shot-cot\":1,\"few-shot\":1}");
		Response list = this.admin.get("/api/eval-sets");
		assertThat(list.body()).contains("\"name\":\"valid-set\"");
	}

	@Test
	void loadsTheBundledSetAndItsDemoOutputsAtStartUp() {
		Response list = this.admin.get("/api/eval-sets");
		JsonNode bundled = null;
		for (JsonNode set : list.json()) {
			if (set.path("name").asString().equals("flan-style-190")) {
				bundled = set;
			}
		}
		assertThat(bundled).isNotNull();
		assertThat(bundled.path("items").asInt()).isEqualTo(190);
		assertThat(bundled.path("settings").toString())
			.isEqualTo("{\"zero-shot\":100,\"zero-shot-cot\":60,\"few-shot\":30}");
		assertThat(this.jdbc.sql("""
				select count(*) from output o join item i on i.id = o.item_id join eval_set e on e.id = i.eval_set_id
				join model m on m.id = o.model_id
				where e.name = 'flan-style-190' and m.name in ('instruction-tuned-demo', 'base-demo')""")
			.query(Integer.class)
			.single()).isEqualTo(380);
	}

	@Test
	void rejectsInvalidJsonWithLineAndColumn() {
		assertRejected("bad-json", GOOD_LINE + "\n{\"id\": \"x\", oops}\n", "2/13//invalid JSON");
	}

	@Test
	void rejectsInvalidUtf8() {
		byte[] good = (GOOD_LINE + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] bad = "{\"id\":\"b\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"caf\u00e9\"}\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		byte[] body = new byte[good.length + bad.length];
		System.arraycopy(good, 0, body, 0, good.length);
		System.arraycopy(bad, 0, body, good.length, bad.length);
		Response response = this.admin.post("/api/eval-sets?name=bad-utf8&version=1", "application/x-ndjson", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.firstError()).isEqualTo("2///the file is not valid UTF-8");
		assertNothingStored("bad-utf8");
	}

	@Test
	void rejectsMissingRequiredField() {
		assertRejected("missing-field", GOOD_LINE + "\n{\"id\":\"b\",\"category\":\"c\",\"setting\":\"zero-shot\"}\n",
				"2//prompt/required field is missing");
	}

	@Test
	void rejectsEmptyRequiredField() {
		assertRejected("empty-field",
				"{\"id\":\"b\",\"category\":\"  \",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n" + GOOD_LINE + "\n",
				"1//category/required field is empty");
	}

	@Test
	void rejectsFieldOfWrongType() {
		assertRejected("wrong-type", "{\"id\":7,\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n",
				"1//id/must be a string, not a number");
	}

	@Test
	void rejectsUnknownSetting() {
		assertRejected("unknown-setting",
				GOOD_LINE + "\n{\"id\":\"b\",\"category\":\"c\",\"setting\":\"one-shot\",\"prompt\":\"p\"}\n",
				"2//setting/unknown setting 'one-shot'; use one of zero-shot, zero-shot-cot, few-shot");
	}

	@Test
	void rejectsDuplicateItemId() {
		assertRejected("duplicate-id", GOOD_LINE + "\n{\"x\":1}\n".replace("{\"x\":1}", GOOD_LINE),
				"2//id/duplicate item id 'a-01' (first used on line 1)");
	}

	@Test
	void rejectsVariantOfThatPointsNowhere() {
		assertRejected("dangling-variant", GOOD_LINE
				+ "\n{\"id\":\"b\",\"category\":\"c\",\"setting\":\"zero-shot-cot\",\"prompt\":\"p\",\"variant_of\":\"nope\"}\n",
				"2//variant_of/points to item 'nope', which is not in this file");
	}

	@Test
	void rejectsMalformedExemplars() {
		assertRejected("bad-exemplars",
				"{\"id\":\"b\",\"category\":\"c\",\"setting\":\"few-shot\",\"prompt\":\"p\",\"exemplars\":[{\"input\":\"i\"}]}\n",
				"1//exemplars[0].output/must be a string");
	}

	@Test
	void rejectsFileOverTheSizeLimitWith413() {
		StringBuilder body = new StringBuilder();
		String padding = "x".repeat(10_000);
		for (int i = 0; body.length() < 2_200_000; i++) {
			body.append("{\"id\":\"i")
				.append(i)
				.append("\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"")
				.append(padding)
				.append("\"}\n");
		}
		Response response = this.admin.postJsonl("/api/eval-sets?name=too-large&version=1", body.toString());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().path("detail").asString()).contains("larger than the upload limit of 2 MB");
		assertNothingStored("too-large");
	}

	@Test
	void acceptsByteOrderMarkAndCrlfLineEnds() {
		String body = "\uFEFF" + GOOD_LINE + "\r\n"
				+ "{\"id\":\"a-02\",\"category\":\"planning\",\"setting\":\"zero-shot\",\"prompt\":\"Line one\\r\\nline two\"}\r\n";
		Response response = this.admin.postJsonl("/api/eval-sets?name=bom-crlf&version=1", body);
		assertThat(response.status()).isEqualTo(201);
		assertThat(this.jdbc
			.sql("select item_key from item i join eval_set e on e.id = i.eval_set_id"
					+ " where e.name = 'bom-crlf' order by position")
			.query(String.class)
			.list()).containsExactly("a-01", "a-02");
	}

	@Test
	void rejectsASecondUploadOfTheSameNameAndVersion() {
		assertThat(this.admin.postJsonl("/api/eval-sets?name=twice&version=1", GOOD_LINE).status()).isEqualTo(201);
		Response again = this.admin.postJsonl("/api/eval-sets?name=twice&version=1", GOOD_LINE);
		assertThat(again.status()).isEqualTo(409);
		assertThat(this.admin.postJsonl("/api/eval-sets?name=twice&version=2", GOOD_LINE).status()).isEqualTo(201);
	}

	@Test
	void refusesAnonymousCalls() {
		HttpTestClient anonymous = HttpTestClient.anonymous(this.port);
		assertThat(anonymous.get("/api/eval-sets").status()).isEqualTo(401);
		assertThat(anonymous.postJsonl("/api/eval-sets?name=anon&version=1", GOOD_LINE).status()).isEqualTo(401);
		assertNothingStored("anon");
	}

	private void assertRejected(String name, String body, String expectedFirstError) {
		Response response = this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.firstError()).startsWith(expectedFirstError);
		assertNothingStored(name);
	}

	private void assertNothingStored(String name) {
		assertThat(
				this.jdbc.sql("select count(*) from eval_set where name = ?").param(name).query(Integer.class).single())
			.isZero();
		assertThat(this.jdbc
			.sql("select count(*) from item i where not exists (select 1 from eval_set e where e.id = i.eval_set_id)")
			.query(Integer.class)
			.single()).isZero();
	}

}
