package dev.pairwise.evalset;

import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.MtBenchFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversation items through the real upload API: {@code messages}, MT-Bench's own
 * {@code question.jsonl}, and every refusal with its line, field and message.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConversationImportTests {

	private static final AtomicInteger SETS = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	@BeforeEach
	void signIn() {
		this.admin = HttpTestClient.admin(this.port);
	}

	@Test
	void mtBenchQuestionsLoadAsOneItemPerTurn() {
		String set = "mt-bench-" + SETS.incrementAndGet();
		Response response = upload(set, MtBenchFiles.questions());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().path("items").asInt()).isEqualTo(160);
		assertThat(response.json().path("categories").toString()).isEqualTo(
				"{\"writing\":20,\"roleplay\":20,\"reasoning\":20,\"math\":20,\"coding\":20,\"extraction\":20,\"stem\":20,\"humanities\":20}");
		assertThat(response.json().path("settings").toString()).isEqualTo("{\"zero-shot\":160}");
		assertThat(count(set, "turn = 1")).isEqualTo(80);
		assertThat(count(set, "turn = 2")).isEqualTo(80);
		assertThat(this.jdbc
			.sql("select prompt from item where item_key = '81-t2' and eval_set_id = "
					+ "(select id from eval_set where name = ?)")
			.param(set)
			.query(String.class)
			.single()).isEqualTo("Rewrite your previous response. Start every sentence with the letter A.");
		assertThat(this.jdbc
			.sql("select messages from item where item_key = '81-t2' and eval_set_id = "
					+ "(select id from eval_set where name = ?)")
			.param(set)
			.query(String.class)
			.single()).startsWith("[{\"role\":\"user\",\"content\":\"Compose an engaging travel blog post")
			.endsWith("{\"role\":\"user\",\"content\":\"Rewrite your previous response. Start every sentence with "
					+ "the letter A.\"}]");
	}

	@Test
	void anItemMayHoldAConversationWhosePromptIsItsLastUserMessage() {
		String set = "chat-" + SETS.incrementAndGet();
		Response response = upload(set,
				"""
						{"id":"c1","category":"planning","setting":"zero-shot","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Plan a picnic."},{"role":"assistant","content":"Bread, cheese, a park."},{"role":"user","content":"Now for ten people?"}]}
						{"id":"p1","category":"planning","setting":"zero-shot","prompt":"Plan a hike."}
						""");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(this.jdbc
			.sql("select prompt || '|' || turn from item where item_key = 'c1' and eval_set_id = "
					+ "(select id from eval_set where name = ?)")
			.param(set)
			.query(String.class)
			.single()).isEqualTo("Now for ten people?|2");
		assertThat(count(set, "messages is null and turn is null")).isEqualTo(1);
	}

	@Test
	void aBadRoleIsRefusedWithItsLineAndNothingIsImported() {
		refused("""
				{"id":"ok","category":"c","setting":"zero-shot","prompt":"Fine."}
				{"id":"c1","category":"c","setting":"zero-shot","messages":[{"role":"user","content":"Hi"},{"role":"bot","content":"Hello"},{"role":"user","content":"Bye"}]}
				""",
				"2//messages[1].role/unknown role \"bot\"; use system, user or assistant");
	}

	@Test
	void anEmptyConversationIsRefused() {
		refused("""
				{"id":"c1","category":"c","setting":"zero-shot","messages":[]}
				""", "1//messages/the conversation is empty; it needs at least one user message");
	}

	@Test
	void aConversationThatDoesNotEndWithAUserMessageIsRefused() {
		refused("""
				{"id":"c1","category":"c","setting":"zero-shot","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}
				""",
				"1//messages/the conversation must end with a user message (the outputs answer it); it ends with an assistant message");
	}

	@Test
	void anEmptyUserMessageIsRefusedButAnEmptyEarlierAnswerIsKept() {
		refused("""
				{"id":"c1","category":"c","setting":"zero-shot","messages":[{"role":"user","content":"  "}]}
				""", "1//messages[0].content/a user message must not be empty");
		Response kept = upload("chat-" + SETS.incrementAndGet(),
				"""
						{"id":"c1","category":"c","setting":"zero-shot","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":""},{"role":"user","content":"Hello?"}]}
						""");
		assertThat(kept.status()).as(kept.body()).isEqualTo(201);
	}

	@Test
	void aSystemMessageOnlyOpensTheConversation() {
		refused("""
				{"id":"c1","category":"c","setting":"zero-shot","messages":[{"role":"user","content":"Hi"},{"role":"system","content":"Be brief."},{"role":"user","content":"Hello?"}]}
				""",
				"1//messages[1].content/a system message may only open the conversation");
	}

	@Test
	void aPromptAndMessagesTogetherAreRefused() {
		refused("""
				{"id":"c1","category":"c","setting":"zero-shot","prompt":"Hi","messages":[{"role":"user","content":"Hi"}]}
				""",
				"1//prompt/give either a prompt or messages, not both");
	}

	@Test
	void anMtBenchQuestionWithAMissingOrEmptyTurnIsRefused() {
		refused("""
				{"question_id": 81, "category": "writing", "turns": ["Write a poem.", "Shorter."]}
				{"question_id": 82, "category": "writing", "turns": []}
				""", "2//turns/must be a non-empty array of the user's turns");
		refused("""
				{"question_id": 81, "category": "writing", "turns": ["Write a poem.", ""]}
				""", "1//turns[1]/turn 2 is empty");
	}

	private void refused(String items, String firstError) {
		String set = "refused-" + SETS.incrementAndGet();
		Response response = upload(set, items);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.firstError()).isEqualTo(firstError);
		assertThat(
				this.jdbc.sql("select count(*) from eval_set where name = ?").param(set).query(Integer.class).single())
			.isZero();
	}

	private Response upload(String set, String items) {
		return this.admin.postJsonl("/api/eval-sets?name=" + set + "&version=1", items);
	}

	private int count(String set, String condition) {
		return this.jdbc
			.sql("select count(*) from item where eval_set_id = (select id from eval_set where name = ?) and "
					+ condition)
			.param(set)
			.query(Integer.class)
			.single();
	}

}
