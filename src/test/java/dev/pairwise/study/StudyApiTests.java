package dev.pairwise.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

/** Creating studies and invites through the admin API. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StudyApiTests {

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
	void theFirstStartCreatesAnOpenDemoStudyWithThreeJudgmentsPerTask() {
		Response studies = this.admin.get("/api/studies");
		JsonNode demo = null;
		for (JsonNode study : studies.json()) {
			if (study.path("name").asString().equals("Flan-style demo")) {
				demo = study;
			}
		}
		assertThat(demo).isNotNull();
		assertThat(demo.path("state").asString()).isEqualTo("OPEN");
		assertThat(demo.path("ratingsPerTask").asInt()).isEqualTo(3);
		assertThat(demo.path("models").toString()).isEqualTo("[\"instruction-tuned-demo\",\"base-demo\"]");
		assertThat(demo.path("demoInviteUrl").asString()).startsWith("/join/");
		assertThat(this.jdbc.sql("select count(*) from task where study_id = ? and attention_kind is null")
			.param(demo.path("id").asLong())
			.query(Integer.class)
			.single()).isEqualTo(190);
	}

	@Test
	void revokingTheDemoLinkTakesItOffTheStudyPage() {
		long id = this.admin.postJson("/api/studies", study("demo link", Map.of())).json().path("id").asLong();
		JsonNode invites = this.admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 2)).json();
		String demoUrl = invites.path(0).path("url").asString();
		String demoPath = demoUrl.substring(demoUrl.indexOf("/r/"));
		this.jdbc.sql("update study set demo_invite_url = ? where id = ?").params(demoPath, id).update();
		List<Long> raters = this.jdbc.sql("select id from rater where study_id = ? order by id")
			.param(id)
			.query(Long.class)
			.list();

		this.admin.post("/api/studies/" + id + "/invites/" + raters.get(1) + "/revoke", "application/json", "");
		assertThat(demoInviteUrl(id)).isEqualTo(demoPath);
		assertThat(this.admin.get("/studies/" + id).body()).contains(demoPath);

		this.admin.post("/api/studies/" + id + "/invites/" + raters.get(0) + "/revoke", "application/json", "");
		assertThat(demoInviteUrl(id)).isNull();
		assertThat(this.admin.get("/studies/" + id).body()).doesNotContain(demoPath);
	}

	private String demoInviteUrl(long studyId) {
		return this.jdbc.sql("select demo_invite_url from study where id = ?")
			.param(studyId)
			.query(String.class)
			.list()
			.get(0);
	}

	@Test
	void createsOneTaskPerItemWhereBothModelsHaveAnOutputWithinTheChosenSubset() {
		Response created = this.admin.postJson("/api/studies", study("subset", Map.of("categories",
				List.of("planning", "explanation"), "settings", List.of("zero-shot-cot"), "ratingsPerTask", 5)));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("tasks").asInt()).isEqualTo(40);
		long id = created.json().path("id").asLong();
		assertThat(this.jdbc.sql("select count(distinct needed) from task where study_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select max(needed) from task where study_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(5);
	}

	@Test
	void createsAttentionChecksFromTheStudysOwnOutputs() {
		Response created = this.admin.postJson("/api/studies", study("checks", Map.of("attentionCheckRate", 0.1)));
		assertThat(created.json().path("attentionChecks").asInt()).isEqualTo(19);
		long id = created.json().path("id").asLong();
		assertThat(this.jdbc
			.sql("select distinct attention_kind from task where study_id = ? and attention_kind is not null"
					+ " order by attention_kind")
			.param(id)
			.query(String.class)
			.list()).containsExactly("empty", "off-topic", "truncated");
		assertThat(this.jdbc
			.sql("select count(*) from task where study_id = ? and attention_kind = 'empty'"
					+ " and attention_text <> ''")
			.param(id)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void refusesAStudyWithProblemsNamingEachField() {
		Map<String, Object> bad = new LinkedHashMap<>();
		bad.put("name", "");
		bad.put("evalSet", "flan-style-190");
		bad.put("models", List.of("base-demo", "nobody"));
		bad.put("pairing", "baseline");
		bad.put("ratingsPerTask", 0);
		bad.put("categories", List.of("poetry"));
		Response refused = this.admin.postJson("/api/studies", bad);
		assertThat(refused.status()).isEqualTo(400);
		List<String> fields = refused.json()
			.path("errors")
			.valueStream()
			.map((e) -> e.path("field").asString())
			.toList();
		assertThat(fields).containsExactly("name", "models", "baseline", "ratingsPerTask", "categories");
		assertThat(refused.json().path("errors").path(1).path("message").asString())
			.isEqualTo("names 'nobody', which has no outputs");
	}

	@Test
	void numberedInviteLabelsAreAsWideAsTheLastNumberSoTheySortAsText() {
		long id = this.admin.postJson("/api/studies", study("many invites", Map.of())).json().path("id").asLong();
		this.admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 3, "label", "pilot"));
		Response invites = this.admin.postJson("/api/studies/" + id + "/invites",
				Map.of("count", 117, "label", "crowd"));
		List<String> labels = invites.json().valueStream().map((i) -> i.path("label").asString()).toList();
		assertThat(labels).hasSize(117).startsWith("crowd-001", "crowd-002").endsWith("crowd-117");
		assertThat(labels).isSorted();
	}

	@Test
	void aLaterBatchUnderTheSameLabelGoesOnFromItsLastNumber() {
		long id = this.admin.postJson("/api/studies", study("invites in batches", Map.of())).json().path("id").asLong();
		this.admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 1, "label", "crowd"));
		this.admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 2, "label", "pilot"));
		this.admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 9, "label", "crowd"));
		Response invites = this.admin.postJson("/api/studies/" + id + "/invites", Map.of("count", 2, "label", "crowd"));
		List<String> labels = invites.json().valueStream().map((i) -> i.path("label").asString()).toList();
		assertThat(labels).containsExactly("crowd-10", "crowd-11");
	}

	@Test
	void invitesCarryLongRandomTokensStoredOnlyAsHashes() {
		long id = this.admin.postJson("/api/studies", study("invites", Map.of())).json().path("id").asLong();
		Response invites = this.admin.postJson("/api/studies/" + id + "/invites",
				Map.of("count", 3, "label", "crowd", "quota", 20));
		assertThat(invites.status()).isEqualTo(201);
		assertThat(invites.json().valueStream().map((i) -> i.path("label").asString()).toList())
			.containsExactly("crowd-01", "crowd-02", "crowd-03");
		for (JsonNode invite : invites.json()) {
			String url = invite.path("url").asString();
			String token = url.substring(url.lastIndexOf('/') + 1);
			assertThat(url).startsWith("http://localhost:" + this.port + "/r/");
			assertThat(token).hasSizeGreaterThanOrEqualTo(32);
			assertThat(this.jdbc.sql("select count(*) from rater where token_hash = ?")
				.param(token)
				.query(Integer.class)
				.single()).isZero();
			assertThat(this.jdbc.sql("select token_hash from rater where id = ?")
				.param(invite.path("raterId").asLong())
				.query(String.class)
				.single()).hasSize(64).isNotEqualTo(token);
		}
	}

	@Test
	void aDuplicateModelOrASingleModelIsRefused() {
		Response one = this.admin.postJson("/api/studies", study("one", Map.of("models", List.of("base-demo"))));
		assertThat(one.status()).isEqualTo(400);
		assertThat(one.firstError()).isEqualTo("//models/needs at least two models");
	}

	private static Map<String, Object> study(String name, Map<String, Object> overrides) {
		Map<String, Object> study = new LinkedHashMap<>();
		study.put("name", name);
		study.put("evalSet", "flan-style-190");
		study.put("models", List.of("instruction-tuned-demo", "base-demo"));
		study.putAll(overrides);
		return study;
	}

}
