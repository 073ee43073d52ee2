package dev.pairwise.generation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.evalset.ItemPrompt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * One request for {@code n} samples of one item to an OpenAI-compatible endpoint, with
 * token log-probabilities, and what came back: each sample's text and the sum of its
 * tokens' log-probabilities, and the token usage. Tells apart what is worth trying again
 * (429, 5xx, timeouts, connection failures) from a refusal (401, unknown model, no
 * log-probabilities offered), which ends the run.
 */
@Component
class EndpointClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_MESSAGE = 500;

	private final HttpClient http;

	private final GenerationProperties properties;

	EndpointClient(GenerationProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	Answer ask(Endpoint endpoint, ItemPrompt item, int n, double temperature, int maxTokens, boolean needLogprobs)
			throws Transient, Refusal {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", endpoint.model());
		if (endpoint.chat()) {
			body.put("messages", PromptFormat.messages(item));
		}
		else {
			body.put("prompt", PromptFormat.completionPrompt(item));
		}
		body.put("n", n);
		body.put("temperature", temperature);
		body.put("max_tokens", maxTokens);
		// chat takes a boolean; completions the number of most likely tokens to list
		// beside each chosen one, whose own log-probability comes with any value.
		body.put("logprobs", endpoint.chat() ? (Object) Boolean.TRUE : (Object) 1);
		String path = endpoint.chat() ? "/chat/completions" : "/completions";
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint, path))
			.timeout(this.properties.requestTimeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
		if (endpoint.apiKey() != null) {
			request.header("Authorization", "Bearer " + endpoint.apiKey());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new Transient("no answer within " + this.properties.requestTimeout().toSeconds() + " s", null);
		}
		catch (IOException ex) {
			throw new Transient("could not reach " + endpoint.baseUrl() + ": " + ex, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Transient("interrupted", null);
		}
		int status = response.statusCode();
		String message = message(response.body(), endpoint.apiKey());
		if (status == 429 || status == 408 || status >= 500) {
			throw new Transient("HTTP " + status + ": " + message,
					response.headers().firstValue("Retry-After").map(EndpointClient::seconds).orElse(null));
		}
		if (status == 401 || status == 403) {
			throw new Refusal("the endpoint refused the API key (HTTP " + status + "): " + message);
		}
		if (status == 404) {
			throw new Refusal("the endpoint does not know the model '" + endpoint.model() + "' or the path "
					+ endpoint.baseUrl() + path + " (HTTP 404): " + message);
		}
		if (status / 100 != 2) {
			String hint = message.toLowerCase().contains("logprob")
					? " The endpoint may offer no log-probabilities: the selection rule 'first' needs none." : "";
			throw new Refusal("the endpoint refused the request (HTTP " + status + "): " + message + hint);
		}
		return answer(endpoint, response.body(), needLogprobs);
	}

	private static URI uri(Endpoint endpoint, String path) throws Refusal {
		String base = endpoint.baseUrl().endsWith("/")
				? endpoint.baseUrl().substring(0, endpoint.baseUrl().length() - 1) : endpoint.baseUrl();
		try {
			return URI.create(base + path);
		}
		catch (IllegalArgumentException ex) {
			throw new Refusal("the base URL '" + endpoint.baseUrl() + "' is not a URL");
		}
	}

	private static Answer answer(Endpoint endpoint, String body, boolean needLogprobs) throws Transient, Refusal {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Transient("the endpoint answered something that is not JSON", null);
		}
		List<JsonNode> choices = new ArrayList<>();
		json.path("choices").forEach(choices::add);
		choices.sort((a, b) -> Integer.compare(a.path("index").asInt(0), b.path("index").asInt(0)));
		if (choices.isEmpty()) {
			throw new Transient("the endpoint answered without choices", null);
		}
		List<Choice> samples = new ArrayList<>();
		for (JsonNode choice : choices) {
			String text = endpoint.chat() ? choice.path("message").path("content").asString("")
					: choice.path("text").asString("");
			JsonNode tokens = endpoint.chat() ? choice.path("logprobs").path("content")
					: choice.path("logprobs").path("token_logprobs");
			Double logprob = null;
			if (tokens.isArray()) {
				double sum = 0;
				for (JsonNode token : tokens) {
					JsonNode value = endpoint.chat() ? token.path("logprob") : token;
					if (value.isNumber()) {
						sum += value.doubleValue();
					}
				}
				logprob = sum;
			}
			if (logprob == null && needLogprobs) {
				throw new Refusal("the endpoint returned no log-probabilities for model '" + endpoint.model()
						+ "' on the " + endpoint.api() + " API: choose the selection rule 'first', which needs none"
						+ (endpoint.chat() ? ", or try the completions API" : ""));
			}
			samples.add(new Choice(text, logprob, tokens.isArray() ? tokens.size() : null,
					choice.path("finish_reason").asString(null)));
		}
		JsonNode usage = json.path("usage");
		return new Answer(samples, usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
	}

	/**
	 * The endpoint's own words: OpenAI's error.message, or the body, with the API key
	 * masked (some endpoints and proxies quote the key they refused, and the message is
	 * shown, stored and logged), shortened.
	 */
	private static String message(String body, String apiKey) {
		String text = body;
		try {
			JsonNode json = JSON.readTree(body);
			JsonNode error = json.path("error");
			if (error.isObject() && error.path("message").isString()) {
				text = error.path("message").asString();
			}
			else if (error.isString()) {
				text = error.asString();
			}
			else if (json.path("message").isString()) {
				text = json.path("message").asString();
			}
			else if (json.path("detail").isString()) {
				text = json.path("detail").asString();
			}
		}
		catch (JacksonException ex) {
			// Not JSON: the body itself is the message.
		}
		text = (text == null || text.isBlank()) ? "(no message)" : text.strip();
		if (apiKey != null && !apiKey.isEmpty()) {
			text = text.replace(apiKey, "[API key]");
		}
		return (text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) + "…" : text;
	}

	private static Long seconds(String retryAfter) {
		try {
			return Long.parseLong(retryAfter.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The samples of one answer, in choice order, and the tokens it used. */
	record Answer(List<Choice> choices, long promptTokens, long completionTokens) {
	}

	/**
	 * One sample: its text, summed token log-probability (null when none came), token
	 * count and finish reason.
	 */
	record Choice(String text, Double logprob, Integer tokens, String finishReason) {
	}

	/** Worth trying again, after {@code retryAfterSeconds} if the endpoint said so. */
	static final class Transient extends Exception {

		private final Long retryAfterSeconds;

		Transient(String message, Long retryAfterSeconds) {
			super(message, null, false, false);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		Long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

	/** The endpoint will not serve this run: no use trying again. */
	static final class Refusal extends Exception {

		Refusal(String message) {
			super(message, null, false, false);
		}

	}

}
