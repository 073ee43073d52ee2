package dev.pairwise.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the running app over real HTTP, as an admin (HTTP Basic) or anonymously. */
public final class HttpTestClient {

	public static final String ADMIN_PASSWORD = "admin-secret-for-tests";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String authorization;

	private HttpTestClient(String baseUrl, String authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	public static HttpTestClient admin(int port) {
		String credentials = Base64.getEncoder()
			.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		return new HttpTestClient("http://localhost:" + port, "Basic " + credentials);
	}

	public static HttpTestClient anonymous(int port) {
		return new HttpTestClient("http://localhost:" + port, null);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	/** The body as bytes, for binary downloads (Parquet, PNG, PDF). */
	public byte[] getBytes(String path) {
		try {
			HttpResponse<byte[]> response = this.http.send(request(path).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Response post(String path, String contentType, byte[] body) {
		return send(
				request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public Response post(String path, String contentType, String body) {
		return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	public Response postJson(String path, Object body) {
		return post(path, "application/json", JSON.writeValueAsString(body));
	}

	public Response postJsonl(String path, String body) {
		return post(path, "application/x-ndjson", body);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body, String contentType) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/**
		 * The first import error, as "line/column/field/message" for compact assertions.
		 */
		public String firstError() {
			JsonNode error = json().path("errors").path(0);
			return error.path("line").asString("") + "/" + error.path("column").asString("") + "/"
					+ error.path("field").asString("") + "/" + error.path("message").asString("");
		}

	}

}
