package dev.pairwise.recruitment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant's side of the real app, as a crowd platform's participant reaches it: the
 * recruitment link (whose redirect is kept, not followed), the consent and qualification
 * forms, and the rater API.
 */
final class Participants {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final HttpTestClient anonymous;

	Participants(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.anonymous = HttpTestClient.anonymous(port);
	}

	/** Opens the link; the answer's status and, for a redirect, where it leads. */
	Arrival arrive(String linkPath, String query) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + linkPath + (query.isEmpty() ? "" : "?" + query)))
					.GET());
		return new Arrival(response.statusCode(), response.headers().firstValue("Location").orElse(null),
				response.body());
	}

	/** The rater token a redirect to {@code /r/{token}} carries. */
	String enrol(String linkPath, String query) {
		Arrival arrival = arrive(linkPath, query);
		assertThat(arrival.status()).as(arrival.body()).isEqualTo(302);
		assertThat(arrival.location()).contains("/r/");
		return arrival.location().substring(arrival.location().lastIndexOf('/') + 1);
	}

	Arrival page(String path) {
		return arrive(path, "");
	}

	Arrival postForm(String path, String form) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		return new Arrival(response.statusCode(), response.headers().firstValue("Location").orElse(null),
				response.body());
	}

	void consent(String token) {
		assertThat(postForm("/r/" + token + "/consent", "").status()).isEqualTo(302);
	}

	/** Answers practice question {@code question} (from 0). */
	void answer(String token, int question, String answer) {
		assertThat(postForm("/r/" + token + "/qualification", "question=" + question + "&answer=" + answer).status())
			.isEqualTo(302);
	}

	Response next(String token) {
		return this.anonymous.get("/api/rate/" + token + "/next");
	}

	Response judge(String token, long assignmentId, String choice) {
		return this.anonymous.postJson("/api/rate/" + token + "/judgments",
				Map.of("assignmentId", assignmentId, "choice", choice, "elapsedMs", 4000));
	}

	Response completion(String token) {
		return this.anonymous.get("/api/rate/" + token + "/completion");
	}

	/** Rates until the API has nothing more; the number of judgments given. */
	int rateAll(String token, String choice) {
		int judged = 0;
		for (Response next = next(token); next.status() == 200; next = next(token)) {
			JsonNode task = next.json();
			assertThat(judge(token, task.path("assignmentId").asLong(), choice).status()).isEqualTo(201);
			judged++;
		}
		return judged;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Arrival(int status, String location, String body) {
	}

}
