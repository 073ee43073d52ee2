package dev.pairwise.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log through the real app: a study's whole life is recorded with who (the
 * account, and the token a script used), from where, what and the answer; owners read it
 * filtered and paged, and it travels with the study's bundle.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditLogTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "audit-password-1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theAuditLogRecordsAStudysWholeLifeWithWhoAndTheTokenTheyUsed() {
		String researcher = StudyFixture.uniqueName("audited");
		WebSession owner = WebSession.basicAdmin(this.port);
		assertThat(
				owner
					.post("/api/accounts", "application/json",
							"{\"username\":\"" + researcher + "\",\"password\":\"" + PASSWORD
									+ "\",\"role\":\"researcher\"}")
					.status())
			.isEqualTo(201);
		Page token = WebSession.basic(this.port, researcher, PASSWORD)
			.post("/api/tokens", "application/json", "{\"name\":\"nightly-ci\",\"role\":\"researcher\"}");
		String secret = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		WebSession script = WebSession.bearer(this.port, secret);

		Page created = script.post("/api/studies", "application/json",
				"{\"name\":\"" + StudyFixture.uniqueName("audited study")
						+ "\",\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\",\"base-demo\"],"
						+ "\"categories\":[\"creativity\"],\"settings\":[\"zero-shot\"]}");
		assertThat(created.status()).isEqualTo(201);
		long study = json(created.body()).get("id").asLong();
		assertThat(script.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		assertThat(script.post("/api/studies/" + study + "/invites", "application/json", "{\"count\":2}").status())
			.isEqualTo(201);
		long rater = this.jdbc.sql("select min(id) from rater where study_id = ?")
			.param(study)
			.query(Long.class)
			.single();
		WebSession signedIn = WebSession.signedIn(this.port, researcher, PASSWORD);
		assertThat(signedIn.postForm("/studies/" + study + "/raters/" + rater + "/exclude", Map.of("reason", "bot"))
			.status()).isEqualTo(302);
		assertThat(
				script.post("/api/studies/" + study + "/invites/" + rater + "/revoke", "application/json", "").status())
			.isEqualTo(200);
		assertThat(script.post("/api/studies/" + study + "/close", "application/json", "").status()).isEqualTo(200);

		JsonNode log = json(owner.get("/api/audit?study=" + study).body());
		List<String> lines = new ArrayList<>();
		for (JsonNode entry : log.get("entries")) {
			lines.add(entry.get("actor").asString() + " " + entry.path("tokenName").asString("-") + " "
					+ entry.get("action").asString() + " " + entry.get("status").asInt());
		}
		assertThat(lines).containsExactly(researcher + " nightly-ci POST /api/studies/{id}/close 200",
				researcher + " nightly-ci POST /api/studies/{id}/invites/{raterId}/revoke 200",
				researcher + " - POST /studies/{id}/raters/{raterId}/exclude 302",
				researcher + " nightly-ci POST /api/studies/{id}/invites 201",
				researcher + " nightly-ci POST /api/studies/{id}/open 200",
				researcher + " nightly-ci POST /api/studies 201");
		JsonNode exclusion = log.get("entries").get(2);
		assertThat(exclusion.get("target").asString()).isEqualTo("/studies/" + study + "/raters/" + rater + "/exclude");
		assertThat(exclusion.get("detail").asString()).isEqualTo("reason=bot");
		assertThat(exclusion.get("address").asString()).isEqualTo("127.0.0.1");
	}

	@Test
	void passwordsAndTheCsrfTokenNeverReachTheLog() {
		String viewer = StudyFixture.uniqueName("secretive");
		WebSession owner = WebSession.signedInAdmin(this.port);
		assertThat(owner
			.postForm("/accounts", Map.of("username", viewer, "password", "never-logged-password-1", "role", "viewer"))
			.status()).isEqualTo(302);
		List<String> details = this.jdbc.sql("select detail from audit_entry where action = 'POST /accounts'")
			.query(String.class)
			.list();
		assertThat(details).anySatisfy((detail) -> assertThat(detail.split("&"))
			.containsExactlyInAnyOrder("username=" + viewer, "role=viewer"));
		assertThat(String.join(" ", details)).doesNotContain("never-logged-password").doesNotContain("_csrf");
	}

	@Test
	void ownersFilterTheLogByAccountAndPageIt() {
		String researcher = StudyFixture.uniqueName("pager");
		WebSession owner = WebSession.basicAdmin(this.port);
		owner.post("/api/accounts", "application/json",
				"{\"username\":\"" + researcher + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"researcher\"}");
		WebSession account = WebSession.basic(this.port, researcher, PASSWORD);
		for (int i = 0; i < 3; i++) {
			account.post("/api/tokens", "application/json", "{\"name\":\"t" + i + "\",\"role\":\"viewer\"}");
		}

		JsonNode first = json(owner.get("/api/audit?user=" + researcher + "&size=2").body());
		assertThat(first.get("entries")).hasSize(2);
		assertThat(first.get("more").asBoolean()).isTrue();
		assertThat(first.get("entries").get(0).get("detail").isNull()).isTrue();
		JsonNode second = json(owner.get("/api/audit?user=" + researcher + "&size=2&page=1").body());
		assertThat(second.get("entries")).hasSize(1);
		assertThat(second.get("more").asBoolean()).isFalse();
		assertThat(owner.get("/api/audit?size=501").status()).isEqualTo(400);

		Page page = WebSession.signedInAdmin(this.port).get("/audit?user=" + researcher);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("POST /api/tokens").contains(researcher);
	}

	@Test
	void aStudysEntriesTravelInItsBundleAndArriveWithTheImportedStudy() {
		WebSession owner = WebSession.basicAdmin(this.port);
		Page created = owner.post("/api/studies", "application/json",
				"{\"name\":\"" + StudyFixture.uniqueName("moved")
						+ "\",\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\",\"base-demo\"],"
						+ "\"categories\":[\"creativity\"],\"settings\":[\"zero-shot\"]}");
		long study = json(created.body()).get("id").asLong();
		owner.post("/api/studies/" + study + "/open", "application/json", "");
		owner.post("/api/studies/" + study + "/close", "application/json", "");

		String bundle = owner.get("/api/studies/" + study + "/export").body();
		JsonNode audit = json(bundle).get("audit");
		assertThat(audit).hasSize(3);
		assertThat(audit.get(0).get("action").asString()).isEqualTo("POST /api/studies");
		assertThat(audit.get(0).get("actor").asString()).isEqualTo("admin");
		assertThat(audit.get(2).get("action").asString()).isEqualTo("POST /api/studies/{id}/close");

		Page imported = owner.post("/api/studies/import", "application/json",
				bundle.replace("\"name\":\"moved", "\"name\":\"moved again"));
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		long copy = json(imported.body()).get("id").asLong();
		List<String> actions = this.jdbc.sql("select action from audit_entry where study_id = ? order by at, id")
			.param(copy)
			.query(String.class)
			.list();
		assertThat(actions).containsExactly("POST /api/studies", "POST /api/studies/{id}/open",
				"POST /api/studies/{id}/close", "POST /api/studies/import");
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

}
