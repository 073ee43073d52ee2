package dev.pairwise.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server speaking the OpenAI protocol ({@code POST /v1/chat/completions} and
 * {@code POST /v1/completions}), answering with samples of a {@link CharNgramModel} and
 * their exact per-token log-probabilities. It can refuse like real endpoints do (a wrong
 * key, an unknown model, no log-probabilities), answer 429 or 503 or stall on the first
 * request of each prompt, and counts requests per prompt and the most it served at once.
 */
final class OpenAiTestServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final CharNgramModel model;

	private final Random random = new Random(20220203);

	final String servedModel;

	volatile String requiredKey;

	volatile boolean offersLogprobs = true;

	volatile boolean tooManyRequestsFirst;

	volatile boolean serverErrorFirst;

	/** Whether a refused key is quoted in the error message, as some proxies do. */
	volatile boolean quotesRefusedKey;

	volatile long stallFirstMillis;

	volatile long delayMillis;

	/** Requests per prompt (the last user message, or the completion prompt). */
	final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	/** Requests answered 200, per prompt. */
	final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

	final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

	final AtomicLong promptTokens = new AtomicLong();

	final AtomicLong completionTokens = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	/** The most requests this server was handling at the same time. */
	final AtomicInteger maxInFlight = new AtomicInteger();

	OpenAiTestServer(CharNgramModel model, String servedModel) throws IOException {
		this.model = model;
		this.servedModel = servedModel;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		this.server.setExecutor(Executors.newFixedThreadPool(16));
		this.server.createContext("/v1/chat/completions", (exchange) -> handle(exchange, true));
		this.server.createContext("/v1/completions", (exchange) -> handle(exchange, false));
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	int totalRequests() {
		return this.requests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	private void handle(HttpExchange exchange, boolean chat) throws IOException {
		AtomicBoolean busy = new AtomicBoolean(true);
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try (exchange) {
			JsonNode body;
			try (InputStream input = exchange.getRequestBody()) {
				body = JSON.readTree(input);
			}
			this.bodies.add(body);
			String prompt = chat ? lastUserMessage(body) : body.path("prompt").asString();
			int count = this.requests.computeIfAbsent(prompt, (key) -> new AtomicInteger()).incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (this.requiredKey != null && !("Bearer " + this.requiredKey).equals(authorization)) {
				String quoted = (this.quotesRefusedKey && authorization != null && authorization.startsWith("Bearer "))
						? " You sent " + authorization.substring("Bearer ".length()) + "." : "";
				send(exchange, 401, error("Incorrect API key provided." + quoted, "invalid_api_key"));
				return;
			}
			if (!this.servedModel.equals(body.path("model").asString())) {
				send(exchange, 404,
						error("The model `" + body.path("model").asString() + "` does not exist.", "model_not_found"));
				return;
			}
			if (count == 1 && this.tooManyRequestsFirst) {
				send(exchange, 429, error("Rate limit reached; try again in 0 s.", "rate_limit_exceeded"));
				return;
			}
			if (count == 1 && this.serverErrorFirst) {
				send(exchange, 503, error("The server is overloaded; try again later.", "server_error"));
				return;
			}
			pause((count == 1) ? Math.max(this.stallFirstMillis, this.delayMillis) : this.delayMillis);
			String context = chat ? prompt : body.path("prompt").asString();
			ObjectNode answer = answer(body, chat, context);
			// Done before the answer leaves, so that the client's next request never
			// overlaps this one in the count.
			leave(busy);
			send(exchange, 200, answer);
			this.answered.computeIfAbsent(prompt, (key) -> new AtomicInteger()).incrementAndGet();
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a timeout, a killed app): nothing to answer.
		}
		finally {
			leave(busy);
		}
	}

	private void leave(AtomicBoolean busy) {
		if (busy.getAndSet(false)) {
			this.inFlight.decrementAndGet();
		}
	}

	private ObjectNode answer(JsonNode body, boolean chat, String context) {
		int n = body.path("n").asInt(1);
		double temperature = body.path("temperature").asDouble(1);
		int maxTokens = body.path("max_tokens").asInt(16);
		boolean logprobs = chat ? body.path("logprobs").asBoolean(false) : body.path("logprobs").isNumber();
		ObjectNode answer = JSON.createObjectNode();
		answer.put("object", chat ? "chat.completion" : "text_completion");
		answer.put("model", this.servedModel);
		ArrayNode choices = answer.putArray("choices");
		long completion = 0;
		for (int i = 0; i < n; i++) {
			CharNgramModel.Sample sample;
			synchronized (this.random) {
				sample = this.model.sample(context, temperature, maxTokens, this.random);
			}
			completion += sample.tokenLogprobs().length;
			ObjectNode choice = choices.addObject();
			choice.put("index", i);
			if (chat) {
				choice.putObject("message").put("role", "assistant").put("content", sample.text());
			}
			else {
				choice.put("text", sample.text());
			}
			if (logprobs && this.offersLogprobs) {
				ObjectNode logprobsNode = choice.putObject("logprobs");
				ArrayNode tokens = chat ? logprobsNode.putArray("content") : logprobsNode.putArray("tokens");
				ArrayNode values = chat ? null : logprobsNode.putArray("token_logprobs");
				for (int t = 0; t < sample.tokenLogprobs().length; t++) {
					String token = String.valueOf(sample.text().charAt(t));
					if (chat) {
						tokens.addObject().put("token", token).put("logprob", sample.tokenLogprobs()[t]);
					}
					else {
						tokens.add(token);
						values.add(sample.tokenLogprobs()[t]);
					}
				}
			}
			else {
				choice.putNull("logprobs");
			}
			choice.put("finish_reason", sample.finishReason());
		}
		long prompt = context.length();
		answer.putObject("usage")
			.put("prompt_tokens", prompt)
			.put("completion_tokens", completion)
			.put("total_tokens", prompt + completion);
		this.promptTokens.addAndGet(prompt);
		this.completionTokens.addAndGet(completion);
		return answer;
	}

	static String lastUserMessage(JsonNode body) {
		List<JsonNode> messages = new ArrayList<>();
		body.path("messages").forEach(messages::add);
		return messages.get(messages.size() - 1).path("content").asString();
	}

	private static ObjectNode error(String message, String code) {
		ObjectNode error = JSON.createObjectNode();
		error.putObject("error").put("message", message).put("type", "invalid_request_error").put("code", code);
		return error;
	}

	private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream output = exchange.getResponseBody()) {
			output.write(bytes);
		}
	}

	private static void pause(long millis) {
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
