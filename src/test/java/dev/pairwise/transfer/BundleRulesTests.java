package dev.pairwise.transfer;

import java.util.List;
import java.util.function.Consumer;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle is held to every rule the upload and study APIs apply, so that no imported
 * study can hold what the admin pages cannot show: each hostile value is refused with a
 * 400 naming its field, and nothing is stored. And counters too large for an {@code int}
 * once summed leave the pages working.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BundleRulesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
	void aBundleBreakingAnyRuleOfTheApisIsRefusedNamingTheField() {
		long study = Campaign.run("hostile bundle", this.admin, this.port, this.jdbc).study();
		String bundle = this.admin.get("/api/studies/" + study + "/export").body();
		int studies = count("select count(*) from study");

		assertRefused(bundle, (b) -> task(b, 0).put("needed", 1_000_000_000L), "tasks[0].needed",
				"must be between 0 and the study's ratingsPerTask (3)");
		assertRefused(bundle, (b) -> study(b).put("ratingsPerTask", 1_000_000), "study.ratingsPerTask",
				"must be between 1 and 100");
		assertRefused(bundle, (b) -> study(b).put("leaseSeconds", 0), "study.leaseSeconds",
				"must be between 60 and 86400 (1 minute to 1 day)");
		assertRefused(bundle, (b) -> study(b).put("attentionCheckRate", 7.5), "study.attentionCheckRate",
				"must be between 0 and 0.5");
		assertRefused(bundle, (b) -> rater(b, 0).put("quota", -1), "raters[0].quota", "must be at least 1 when given");
		assertRefused(bundle, (b) -> study(b).put("categories", "a\rb"), "study.categories",
				"contains a control character (U+000D) such as a line break or a tab; a name is one line of text");
		assertRefused(bundle, (b) -> study(b).put("instructions", "x\u0000y"), "study.instructions",
				"contain a NUL character");
		assertRefused(bundle, (b) -> study(b).put("name", "n".repeat(201)), "study.name",
				"is longer than 200 characters");
		assertRefused(bundle, (b) -> rater(b, 1).put("label", "r".repeat(201)), "raters[1].label",
				"is longer than 200 characters");
		assertRefused(bundle, (b) -> output(b, 0).put("model", "=HYPERLINK(\"x\") a"), "outputs[0].model",
				"model name '=HYPERLINK(\"x\") a' may use only letters, digits and . _ : + - (no spaces), up to 200");
		assertRefused(bundle, (b) -> ((ObjectNode) b.path("evalSet")).put("name", "../etc"), "evalSet.name",
				"the eval set name '../etc' may use only letters, digits, '.', '_' and '-' (it appears in URLs)");
		assertRefused(bundle, (b) -> item(b, 0).put("category", "one\ntwo"), "items[0].category",
				"contains a control character (U+000A) such as a line break or a tab; a name is one line of text");
		assertRefused(bundle, (b) -> item(b, 0).put("id", "i".repeat(201)), "items[0].id",
				"is longer than 200 characters");
		assertRefused(bundle,
				(b) -> item(b, 0).set("exemplars", JSON.readTree("[{\"input\": 1, \"output\": \"two\"}]")),
				"items[0].exemplars[0].input", "must be a string");
		assertThat(count("select count(*) from study")).isEqualTo(studies);
	}

	@Test
	void countsBeyondTheRangeOfAnIntLeaveThePagesWorking() {
		long study = Campaign.run("large counts", this.admin, this.port, this.jdbc).study();
		this.jdbc.sql("update task set needed = 2000000000 where study_id = ? and attention_kind is null")
			.param(study)
			.update();

		for (String page : List.of("/", "/studies", "/studies/" + study, "/studies/" + study + "/progress")) {
			Response response = this.admin.get(page);
			assertThat(response.status()).as(page).isEqualTo(200);
		}
		long needed = 2_000_000_000L
				* count("select count(*) from task where study_id = ? and attention_kind is null", study);
		assertThat(this.admin.get("/studies").body()).contains(String.valueOf(needed));
	}

	private void assertRefused(String bundle, Consumer<ObjectNode> change, String field, String message) {
		ObjectNode hostile = (ObjectNode) JSON.readTree(bundle);
		change.accept(hostile);
		Response refused = this.admin.post("/api/studies/import", "application/json", hostile.toString());
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().path("errors").path(0).path("field").asString()).as(refused.body()).isEqualTo(field);
		assertThat(refused.json().path("errors").path(0).path("message").asString()).isEqualTo(message);
	}

	private static ObjectNode study(ObjectNode bundle) {
		return (ObjectNode) bundle.path("study");
	}

	private static ObjectNode task(ObjectNode bundle, int index) {
		return (ObjectNode) bundle.path("tasks").path(index);
	}

	private static ObjectNode rater(ObjectNode bundle, int index) {
		return (ObjectNode) bundle.path("raters").path(index);
	}

	private static ObjectNode output(ObjectNode bundle, int index) {
		return (ObjectNode) bundle.path("outputs").path(index);
	}

	private static ObjectNode item(ObjectNode bundle, int index) {
		return (ObjectNode) bundle.path("items").path(index);
	}

	private int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

}
