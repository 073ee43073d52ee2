package dev.pairwise.generation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Generation runs through the real API against a real OpenAI-compatible HTTP server whose
 * answers come from a character n-gram model with exact log-probabilities, so that every
 * sample's log-probability and every item's selection can be recomputed here and compared
 * exactly.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "pairwise.generation.backoff=5ms", "pairwise.generation.max-backoff=50ms",
				"pairwise.generation.request-timeout=3s", "pairwise.generation.concurrency=4",
				"pairwise.generation.max-attempts=4" })
@ActiveProfiles("test")
class GenerationApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger NAMES = new AtomicInteger();

	static CharNgramModel model;

	/** The bundled set's items by id: prompt, setting and exemplars as in the file. */
	static Map<String, JsonNode> bundledItems = new LinkedHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	@BeforeAll
	static void trainTheModel() throws Exception {
		model = CharNgramModel.trainedOnTheBundledPrompts();
		for (String line : Files.readAllLines(Path.of("eval-sets/flan-style-190/items.jsonl"))) {
			if (!line.isBlank()) {
				JsonNode item = JSON.readTree(line);
				bundledItems.put(item.path("id").asString(), item);
			}
		}
	}

	@BeforeEach
	void signIn() {
		this.admin = HttpTestClient.admin(this.port);
	}

	@Test
	void aChatRunSelectsEveryItemExactlyAsTheFlanRuleComputedIndependently() throws Exception {
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			JsonNode status = runToTheEnd(start("flan-style-190", "ngram-chat", server, "chat", null, "flan", 24));
			assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("done");
			assertThat(status.path("done").asInt()).isEqualTo(190);
			assertThat(status.path("total").asInt()).isEqualTo(190);
			assertThat(status.path("errors").asInt()).isZero();
			assertThat(status.path("promptTokens").asLong()).isEqualTo(server.promptTokens.get());
			assertThat(status.path("completionTokens").asLong()).isEqualTo(server.completionTokens.get());
			assertThat(server.totalRequests()).as("one request per item").isEqualTo(190);

			JsonNode selection = this.admin.get("/api/eval-sets/flan-style-190/models/ngram-chat/selection").json();
			assertThat(selection).hasSize(190);
			for (JsonNode item : selection) {
				String prompt = bundledItems.get(item.path("itemId").asString()).path("prompt").asString();
				IndependentSelection.assertFlanRule(model, item, prompt);
				assertThat(storedOutput("flan-style-190", "ngram-chat", item.path("itemId").asString()))
					.isEqualTo(item.path("samples").get(item.path("chosen").asInt()).path("output").asString());
			}
			JsonNode fewShot = bodyFor(server, "creativity-fs-01");
			List<String> roles = new ArrayList<>();
			fewShot.path("messages").forEach((message) -> roles.add(message.path("role").asString()));
			JsonNode exemplars = bundledItems.get("creativity-fs-01").path("exemplars");
			assertThat(roles).hasSize(exemplars.size() * 2 + 1);
			assertThat(fewShot.path("messages").get(0).path("content").asString())
				.isEqualTo(exemplars.get(0).path("input").asString());
			assertThat(fewShot.path("messages").get(1).path("role").asString()).isEqualTo("assistant");
			assertThat(fewShot.path("messages").get(1).path("content").asString())
				.isEqualTo(exemplars.get(0).path("output").asString());
			assertThat(fewShot.path("n").asInt()).isEqualTo(5);
			assertThat(fewShot.path("temperature").asDouble()).isEqualTo(0.7);
			assertThat(fewShot.path("logprobs").asBoolean()).isTrue();
		}
	}

	@Test
	void aCompletionsRunSendsExemplarsInTheDocumentedPlainTextFormat() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			JsonNode status = runToTheEnd(start(set, "ngram-completions", server, "completions", null, "flan", 30));
			assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("done");
			String fewShotPrompt = "Input: a stapler\nOutput: Dear Office Manager, more staples.\n\n"
					+ "Input: a kettle\nOutput: Dear Tea Drinker, descale me.\n\nInput: a smoke detector\nOutput:";
			String cotPrompt = "How many legs do three spiders have? Let's think step by step.";
			assertThat(server.requests.keySet()).containsExactlyInAnyOrder("Write a haiku about rain.", cotPrompt,
					fewShotPrompt);
			assertThat(server.bodies.get(0).path("logprobs").asInt()).isEqualTo(1);
			JsonNode selection = this.admin.get("/api/eval-sets/" + set + "/models/ngram-completions/selection").json();
			Map<String, String> prompts = Map.of("haiku", "Write a haiku about rain.", "spiders", cotPrompt, "letter",
					fewShotPrompt);
			for (JsonNode item : selection) {
				IndependentSelection.assertFlanRule(model, item, prompts.get(item.path("itemId").asString()));
			}
		}
	}

	@Test
	void aWrongKeyFailsTheRunWithTheEndpointsMessageAndTheKeyIsNeverShownAgain() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.requiredKey = "sk-right";
			long id = start(set, "wrong-key", server, "chat", "sk-wrong-secret-123", "flan", 10);
			JsonNode status = runToTheEnd(id);
			assertThat(status.path("state").asString()).isEqualTo("failed");
			assertThat(status.path("message").asString())
				.isEqualTo("the endpoint refused the API key (HTTP 401): Incorrect API key provided.");
			assertThat(this.jdbc.sql("select count(*) from generation_run where id = ? and api_key is null")
				.param(id)
				.query(Integer.class)
				.single()).as("the key is erased once the run cannot resume").isEqualTo(1);
			assertThat(this.admin.get("/api/generations/" + id).body()).doesNotContain("sk-wrong");
			assertThat(this.admin.get("/generations").body()).doesNotContain("sk-wrong").contains("Incorrect API key");

			server.requiredKey = "sk-right";
			JsonNode right = runToTheEnd(start(set, "right-key", server, "chat", "sk-right", "flan", 10));
			assertThat(right.path("state").asString()).isEqualTo("done");
		}
	}

	@Test
	void anUnknownModelFailsTheRunWithTheEndpointsMessage() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			JsonNode status = runToTheEnd(start(set, "unknown", new OpenAiTestServerAlias(server, "no-such-model")));
			assertThat(status.path("state").asString()).isEqualTo("failed");
			assertThat(status.path("message").asString())
				.isEqualTo("the endpoint does not know the model 'no-such-model' or the path " + server.baseUrl()
						+ "/chat/completions (HTTP 404): The model `no-such-model` does not exist.");
		}
	}

	@Test
	void anEndpointWithoutLogprobsFailsTheRunSuggestingFirstWhichThenWorks() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.offersLogprobs = false;
			JsonNode failed = runToTheEnd(start(set, "no-logprobs", server, "chat", null, "flan", 10));
			assertThat(failed.path("state").asString()).isEqualTo("failed");
			assertThat(failed.path("message").asString()).isEqualTo("the endpoint returned no log-probabilities for"
					+ " model 'ngram-3' on the chat API: choose the selection rule 'first', which needs none, or try"
					+ " the completions API");
			JsonNode first = runToTheEnd(start(set, "no-logprobs-first", server, "chat", null, "first", 10));
			assertThat(first.path("state").asString()).isEqualTo("done");
			JsonNode haiku = this.admin.get("/api/eval-sets/" + set + "/models/no-logprobs-first/selection")
				.json()
				.get(0);
			assertThat(haiku.path("chosen").asInt()).isZero();
			assertThat(haiku.path("samples").get(0).path("logprob").isNull()).isTrue();
			assertThat(storedOutput(set, "no-logprobs-first", "haiku"))
				.isEqualTo(haiku.path("samples").get(0).path("output").asString());
		}
	}

	@Test
	void a429IsRetriedWithBackoffAndTheRunSucceeds() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.tooManyRequestsFirst = true;
			JsonNode status = runToTheEnd(start(set, "rate-limited", server, "chat", null, "flan", 10));
			assertThat(status.path("state").asString()).isEqualTo("done");
			assertThat(status.path("errors").asInt()).isZero();
			assertThat(server.requests.values()).extracting(AtomicInteger::get).containsOnly(2);
		}
	}

	@Test
	void a5xxIsRetriedWithBackoffAndTheRunSucceeds() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.serverErrorFirst = true;
			JsonNode status = runToTheEnd(start(set, "overloaded", server, "chat", null, "flan", 10));
			assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("done");
			assertThat(status.path("done").asInt()).isEqualTo(3);
			assertThat(status.path("errors").asInt()).isZero();
			assertThat(server.requests.values()).extracting(AtomicInteger::get).containsOnly(2);
		}
	}

	@Test
	void noMoreRequestsRunAtOnceThanTheConfiguredConcurrency() throws Exception {
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.delayMillis = 60;
			JsonNode status = runToTheEnd(start("flan-style-190", "bounded", server, "chat", null, "flan", 8));
			assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("done");
			assertThat(server.maxInFlight.get()).as("pairwise.generation.concurrency=4 reached, never exceeded")
				.isEqualTo(4);
		}
	}

	@Test
	void aKeyTheEndpointQuotesIsMaskedWhereverItsMessageGoes() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.requiredKey = "sk-right";
			server.quotesRefusedKey = true;
			long id = start(set, "quoted-key", server, "chat", "sk-quoted-secret-77", "flan", 10);
			JsonNode status = runToTheEnd(id);
			assertThat(status.path("message").asString()).isEqualTo(
					"the endpoint refused the API key (HTTP 401): Incorrect API key provided. You sent [API key].");
			assertThat(this.admin.get("/generations").body()).doesNotContain("sk-quoted")
				.contains("You sent [API key]");
		}
	}

	@Test
	void aKeyTypedIntoTheStartPageIsNeverShownAndStaysOutOfTheAuditLog() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.requiredKey = "sk-typed-secret-99";
			WebSession page = WebSession.signedInAdmin(this.port);
			Map<String, String> form = new LinkedHashMap<>(Map.of("evalSet", set, "model", "typed-key", "baseUrl",
					server.baseUrl(), "api", "chat", "endpointModel", "ngram-3", "apiKey", "sk-typed-secret-99"));
			form.putAll(Map.of("samples", "5", "temperature", "0.7", "maxTokens", "10", "selection", "flan"));
			assertThat(page.postForm("/generations", form).status()).isEqualTo(302);
			long id = this.jdbc.sql("select id from generation_run where model = 'typed-key'")
				.query(Long.class)
				.single();
			assertThat(runToTheEnd(id).path("state").asString()).as("the typed key reached the endpoint")
				.isEqualTo("done");
			String detail = this.jdbc
				.sql("select detail from audit_entry where action = 'POST /generations'"
						+ " and detail like '%model=typed-key%'")
				.query(String.class)
				.single();
			assertThat(detail).contains("endpointModel=ngram-3").doesNotContain("sk-typed").doesNotContain("apiKey");
			assertThat(this.admin.get("/api/audit?size=500").body()).contains("typed-key").doesNotContain("sk-typed");
			assertThat(page.get("/generations").body()).contains("typed-key").doesNotContain("sk-typed");
		}
	}

	@Test
	void aTimeoutIsRetriedAndTheRunSucceeds() throws Exception {
		String set = smallSet();
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.stallFirstMillis = 4000;
			JsonNode status = runToTheEnd(start(set, "stalled", server, "chat", null, "flan", 10));
			assertThat(status.path("state").asString()).isEqualTo("done");
			assertThat(status.path("done").asInt()).isEqualTo(3);
			assertThat(server.requests.values()).extracting(AtomicInteger::get).containsOnly(2);
		}
	}

	@Test
	void cancellingStopsAskingTheEndpoint() throws Exception {
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			server.delayMillis = 150;
			long id = start("flan-style-190", "cancelled", server, "chat", null, "flan", 10);
			long deadline = System.currentTimeMillis() + 30_000;
			while (this.admin.get("/api/generations/" + id).json().path("done").asInt() < 8
					&& System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			Response cancelled = this.admin.post("/api/generations/" + id + "/cancel", "application/json", "");
			assertThat(cancelled.status()).isEqualTo(200);
			assertThat(cancelled.json().path("state").asString()).isEqualTo("cancelled");
			Thread.sleep(500);
			int asked = server.totalRequests();
			Thread.sleep(1000);
			assertThat(server.totalRequests()).as("no request after the cancel settled").isEqualTo(asked);
			JsonNode status = this.admin.get("/api/generations/" + id).json();
			assertThat(status.path("state").asString()).isEqualTo("cancelled");
			assertThat(status.path("done").asInt()).isBetween(8, 189);
		}
	}

	@Test
	void refusesABadRequestNamingTheField() {
		Response response = this.admin.postJson("/api/generations", Map.of("evalSet", "flan-style-190", "model", "x",
				"endpoint", Map.of("baseUrl", "localhost:8000", "api", "chat", "model", "m")));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("field 'endpoint.baseUrl' must be an http(s) URL such as http://localhost:8000/v1");
	}

	@Test
	void aConversationIsSentAsItsChatMessages() throws Exception {
		String set = "generation-chat-" + NAMES.incrementAndGet();
		Response created = this.admin.postJsonl("/api/eval-sets?name=" + set + "&version=1",
				"""
						{"id":"picnic-2","category":"planning","setting":"zero-shot","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Plan a picnic."},{"role":"assistant","content":"Bread, cheese, a park."},{"role":"user","content":"Now for ten people?"}]}
						""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		try (OpenAiTestServer server = new OpenAiTestServer(model, "ngram-3")) {
			JsonNode status = runToTheEnd(start(set, "ngram-chat-conversation", server, "chat", null, "flan", 20));
			assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("done");
			assertThat(server.bodies.get(0).path("messages")).isEqualTo(
					JSON.readTree("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":"
							+ "\"Plan a picnic.\"},{\"role\":\"assistant\",\"content\":\"Bread, cheese, a park.\"},"
							+ "{\"role\":\"user\",\"content\":\"Now for ten people?\"}]"));
		}
		Response completions = this.admin.postJson("/api/generations", Map.of("evalSet", set, "model", "x", "endpoint",
				Map.of("baseUrl", "http://localhost:9/v1", "api", "completions", "model", "m")));
		assertThat(completions.status()).isEqualTo(400);
		assertThat(completions.json().path("detail").asString()).isEqualTo(
				"field 'endpoint': item 'picnic-2' of " + set + " 1 is a conversation, which only the chat API takes");
	}

	@Test
	void aSetWithLaterMtBenchTurnsIsRefusedNamingTheItem() {
		String set = "generation-mt-" + NAMES.incrementAndGet();
		assertThat(this.admin.postJsonl("/api/eval-sets?name=" + set + "&version=1", """
				{"question_id": 81, "category": "writing", "turns": ["Write a travel post.", "Rewrite it in rhyme."]}
				""").status()).isEqualTo(201);
		Response refused = this.admin.postJson("/api/generations", Map.of("evalSet", set, "model", "x", "endpoint",
				Map.of("baseUrl", "http://localhost:9/v1", "api", "chat", "model", "m")));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("detail").asString()).isEqualTo("item '81-t2' of " + set
				+ " 1 continues each model's own earlier answers (a later MT-Bench turn), which generation cannot "
				+ "write; generate the answers elsewhere and import them in MT-Bench's model_answer format "
				+ "(question_id, model_id, choices[0].turns)");
	}

	/** A three-item set: zero-shot, zero-shot-cot and few-shot. */
	private String smallSet() {
		String name = "generation-" + NAMES.incrementAndGet();
		String items = """
				{"id":"haiku","category":"creativity","setting":"zero-shot","prompt":"Write a haiku about rain."}
				{"id":"spiders","category":"reasoning","setting":"zero-shot-cot","prompt":"How many legs do three spiders have? Let's think step by step."}
				{"id":"letter","category":"creativity","setting":"few-shot","prompt":"a smoke detector","exemplars":[{"input":"a stapler","output":"Dear Office Manager, more staples."},{"input":"a kettle","output":"Dear Tea Drinker, descale me."}]}
				""";
		Response created = this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", items);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return name;
	}

	private long start(String set, String modelName, OpenAiTestServer server, String api, String key, String selection,
			int maxTokens) {
		return start(set, modelName, server.baseUrl(), api, server.servedModel, key, selection, maxTokens);
	}

	private long start(String set, String modelName, OpenAiTestServerAlias alias) {
		return start(set, modelName, alias.server().baseUrl(), "chat", alias.model(), null, "flan", 10);
	}

	private long start(String set, String modelName, String baseUrl, String api, String endpointModel, String key,
			String selection, int maxTokens) {
		Map<String, Object> endpoint = new HashMap<>(Map.of("baseUrl", baseUrl, "api", api, "model", endpointModel));
		if (key != null) {
			endpoint.put("apiKey", key);
		}
		Response started = this.admin.postJson("/api/generations",
				Map.of("evalSet", set, "model", modelName, "endpoint", endpoint, "samples", 5, "temperature", 0.7,
						"maxTokens", maxTokens, "selection", selection));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		return started.json().path("id").asLong();
	}

	private JsonNode runToTheEnd(long id) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 180_000;
		while (System.currentTimeMillis() < deadline) {
			JsonNode status = this.admin.get("/api/generations/" + id).json();
			String state = status.path("state").asString();
			if (!state.equals("queued") && !state.equals("running")) {
				return status;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("run " + id + " did not end in 180 s");
	}

	private static JsonNode bodyFor(OpenAiTestServer server, String itemId) {
		String prompt = bundledItems.get(itemId).path("prompt").asString();
		return server.bodies.stream()
			.filter((body) -> OpenAiTestServer.lastUserMessage(body).equals(prompt))
			.findFirst()
			.orElseThrow();
	}

	private String storedOutput(String set, String modelName, String item) {
		return this.jdbc.sql("""
				select o.text from output o join model m on m.id = o.model_id join item i on i.id = o.item_id
				join eval_set e on e.id = i.eval_set_id where m.name = ? and i.item_key = ? and e.name = ?""")
			.params(modelName, item, set)
			.query(String.class)
			.single();
	}

	/** The server asked for under another model name than the one it serves. */
	record OpenAiTestServerAlias(OpenAiTestServer server, String model) {
	}

}
