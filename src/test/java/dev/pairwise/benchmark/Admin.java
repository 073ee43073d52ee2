package dev.pairwise.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API of a running app, for setting up what a benchmark measures. */
final class Admin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeepAliveHttp http;

	Admin(int port) {
		this.http = new KeepAliveHttp("127.0.0.1", port, "Basic " + Base64.getEncoder()
			.encodeToString(("admin:" + AppProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
	}

	KeepAliveHttp.Response uploadItems(String name, byte[] jsonl) {
		return expect(201, this.http.post("/api/eval-sets?name=" + name + "&version=1&title=" + name,
				"application/x-ndjson", jsonl));
	}

	KeepAliveHttp.Response uploadOutputs(String evalSet, String model, byte[] jsonl) {
		return expect(201,
				this.http.post("/api/eval-sets/" + evalSet + "/outputs?model=" + model, "application/x-ndjson", jsonl));
	}

	/** Creates and opens a study; returns its id. */
	long openStudy(String json) {
		long id = JSON.readTree(expect(201, this.http.postJson("/api/studies", json)).body()).path("id").asLong();
		expect(200, this.http.postJson("/api/studies/" + id + "/open", ""));
		return id;
	}

	/** Creates invite links and returns their tokens. */
	List<String> invite(long studyId, int count) {
		List<String> tokens = new ArrayList<>();
		JsonNode invites = JSON.readTree(expect(201, this.http.postJson("/api/studies/" + studyId + "/invites",
				"{\"count\":" + count + ",\"label\":\"rater\"}"))
			.body());
		for (JsonNode invite : invites) {
			String url = invite.path("url").asString();
			tokens.add(url.substring(url.lastIndexOf('/') + 1));
		}
		return tokens;
	}

	KeepAliveHttp.Response post(String path, String contentType, byte[] body) {
		return expect(201, this.http.post(path, contentType, body));
	}

	KeepAliveHttp.Response get(String path) {
		return expect(200, this.http.get(path));
	}

	static KeepAliveHttp.Response expect(int status, KeepAliveHttp.Response response) {
		if (response.status() != status) {
			throw new IllegalStateException("expected " + status + " but got " + response.status() + ": "
					+ response.body().substring(0, Math.min(500, response.body().length())));
		}
		return response;
	}

}
