package dev.pairwise.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One study's whole life by a researcher's script, from uploading its eval set to
 * deleting outputs no study uses, read back from {@code GET /api/audit}: every change is
 * there once, in order, with who, which token and the answer; what raters do and what is
 * only read (the export) is not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditedStudyLifeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "a-long-password-1";

	private static final String ITEMS = """
			{"id":"q1","category":"c","setting":"zero-shot","prompt":"first"}
			{"id":"q2","category":"c","setting":"zero-shot","prompt":"second"}
			""";

	private static final String OUTPUTS = """
			{"item_id":"q1","output":"one"}
			{"item_id":"q2","output":"two"}
			""";

	@LocalServerPort
	int port;

	@Test
	void theLogHoldsEveryChangeOfAStudysLifeInOrderAndNothingElse() {
		String researcher = StudyFixture.uniqueName("lifelong").replaceAll("[^A-Za-z0-9]+", "-");
		String set = researcher + "-set";
		WebSession owner = WebSession.basicAdmin(this.port);
		assertThat(
				owner
					.post("/api/accounts", "application/json",
							"{\"username\":\"" + researcher + "\",\"password\":\"" + PASSWORD
									+ "\",\"role\":\"researcher\"}")
					.status())
			.isEqualTo(201);
		Page token = WebSession.basic(this.port, researcher, PASSWORD)
			.post("/api/tokens", "application/json", "{\"name\":\"campaign\",\"role\":\"researcher\"}");
		assertThat(token.status()).isEqualTo(201);
		WebSession script = WebSession.bearer(this.port, json(token.body()).get("token").asString());

		assertThat(script.post("/api/eval-sets?name=" + set + "&version=1", "application/x-ndjson", ITEMS).status())
			.isEqualTo(201);
		for (String model : List.of("model-a", "model-b", "model-unused")) {
			assertThat(script
				.post("/api/eval-sets/" + set + "/outputs?model=" + set + "-" + model, "application/x-ndjson", OUTPUTS)
				.status()).isEqualTo(201);
		}
		Page created = script.post("/api/studies", "application/json",
				"{\"name\":\"Life\",\"evalSet\":\"" + set + "\",\"models\":[\"" + set + "-model-a\",\"" + set
						+ "-model-b\"],\"ratingsPerTask\":1,\"attentionCheckRate\":0,\"categories\":[\"c\"],"
						+ "\"settings\":[\"zero-shot\"]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = json(created.body()).get("id").asLong();
		assertThat(script.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		Page invites = script.post("/api/studies/" + study + "/invites", "application/json", "{\"count\":1}");
		assertThat(invites.status()).isEqualTo(201);
		String rater = json(invites.body()).get(0).get("url").asString().replaceAll(".*/r/", "");
		assertThat(judgeEverything(rater)).isEqualTo(2);
		assertThat(script.post("/api/studies/" + study + "/close", "application/json", "").status()).isEqualTo(200);
		assertThat(script.get("/api/studies/" + study + "/export").status()).isEqualTo(200);
		assertThat(script.post("/api/studies/" + study + "/archive", "application/json", "").status()).isEqualTo(200);
		assertThat(script.delete("/api/eval-sets/" + set + "/models/" + set + "-model-unused").status()).isEqualTo(204);

		List<String> life = lines(owner.get("/api/audit?user=" + researcher).body());
		assertThat(life).containsExactly(
				"DELETE /api/eval-sets/{name}/models/{model} /api/eval-sets/" + set + "/models/" + set
						+ "-model-unused 204 campaign",
				"POST /api/studies/{id}/archive /api/studies/" + study + "/archive 200 campaign",
				"POST /api/studies/{id}/close /api/studies/" + study + "/close 200 campaign",
				"POST /api/studies/{id}/invites /api/studies/" + study + "/invites 201 campaign",
				"POST /api/studies/{id}/open /api/studies/" + study + "/open 200 campaign",
				"POST /api/studies /api/studies 201 campaign",
				"POST /api/eval-sets/{name}/outputs /api/eval-sets/" + set + "/outputs 201 campaign",
				"POST /api/eval-sets/{name}/outputs /api/eval-sets/" + set + "/outputs 201 campaign",
				"POST /api/eval-sets/{name}/outputs /api/eval-sets/" + set + "/outputs 201 campaign",
				"POST /api/eval-sets /api/eval-sets 201 campaign", "POST /api/tokens /api/tokens 201 -");
		assertThat(lines(owner.get("/api/audit?study=" + study).body())).hasSize(5)
			.allMatch((line) -> line.contains("/api/studies/" + study) || line.startsWith("POST /api/studies "));
		List<String> exported = new ArrayList<>();
		json(owner.get("/api/studies/" + study + "/export").body()).get("audit")
			.forEach((entry) -> exported.add(entry.get("action").asString()));
		assertThat(exported).containsExactly("POST /api/studies", "POST /api/studies/{id}/open",
				"POST /api/studies/{id}/invites", "POST /api/studies/{id}/close", "POST /api/studies/{id}/archive");
	}

	/** Judges every task the rater is given; how many judgments that made. */
	private int judgeEverything(String rater) {
		HttpTestClient anonymous = HttpTestClient.anonymous(this.port);
		int judged = 0;
		for (HttpTestClient.Response next = anonymous.get("/api/rate/" + rater + "/next"); next.status() == 200
				&& next.json().has("assignmentId"); next = anonymous.get("/api/rate/" + rater + "/next")) {
			HttpTestClient.Response judgment = anonymous.postJson("/api/rate/" + rater + "/judgments",
					Map.of("assignmentId", next.json().get("assignmentId").asLong(), "choice", "1"));
			assertThat(judgment.status()).as(judgment.body()).isEqualTo(201);
			judged++;
		}
		return judged;
	}

	private static List<String> lines(String auditPage) {
		List<String> lines = new ArrayList<>();
		for (JsonNode entry : json(auditPage).get("entries")) {
			lines.add(entry.get("action").asString() + " " + entry.get("target").asString() + " "
					+ entry.get("status").asInt() + " " + entry.path("tokenName").asString("-"));
		}
		return lines;
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

}
