package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.HttpTestClient;
import dev.pairwise.HttpTestClient.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates studies on the bundled flan-style-190 set and invite links through the admin
 * API.
 */
public final class StudyFixture {

	public static final List<String> DEMO_MODELS = List.of("instruction-tuned-demo", "base-demo");

	private final HttpTestClient admin;

	public StudyFixture(HttpTestClient admin) {
		this.admin = admin;
	}

	public long createOpenStudy(String name, Map<String, Object> overrides) {
		Map<String, Object> study = new LinkedHashMap<>();
		study.put("name", name);
		study.put("evalSet", "flan-style-190");
		study.put("models", DEMO_MODELS);
		study.put("ratingsPerTask", 3);
		study.putAll(overrides);
		Response created = this.admin.postJson("/api/studies", study);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().path("id").asLong();
		if (!Boolean.FALSE.equals(overrides.get("open"))) {
			assertThat(this.admin.post("/api/studies/" + id + "/open", "application/json", "").status()).isEqualTo(200);
		}
		return id;
	}

	/** Creates invite links and returns their tokens. */
	public List<String> invite(long studyId, int count, Integer quota) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", count);
		body.put("label", "rater");
		if (quota != null) {
			body.put("quota", quota);
		}
		Response response = this.admin.postJson("/api/studies/" + studyId + "/invites", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		List<String> tokens = new ArrayList<>();
		for (JsonNode invite : response.json()) {
			String url = invite.path("url").asString();
			tokens.add(url.substring(url.lastIndexOf('/') + 1));
		}
		return tokens;
	}

	public String token(long studyId) {
		return invite(studyId, 1, null).get(0);
	}

}
