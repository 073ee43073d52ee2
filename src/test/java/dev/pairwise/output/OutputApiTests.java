package dev.pairwise.output;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Output import through the real HTTP API: JSONL, both CSV forms, and every bad case. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OutputApiTests {

	private static final AtomicInteger SETS = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	String set;

	@BeforeEach
	void createEvalSet() {
		this.admin = HttpTestClient.admin(this.port);
		this.set = "outputs-" + SETS.incrementAndGet();
		String items = """
				{"id":"q1","category":"creativity","setting":"zero-shot","prompt":"Write a haiku."}
				{"id":"q2","category":"creativity","setting":"zero-shot","prompt":"Write a limerick."}
				{"id":"q3","category":"planning","setting":"zero-shot","prompt":"Plan a picnic."}
				""";
		assertThat(this.admin.postJsonl("/api/eval-sets?name=" + this.set + "&version=1", items).status())
			.isEqualTo(201);
	}

	@Test
	void importsJsonlOutputsWithMeta() {
		Response response = this.admin.postJsonl(outputs("model=alpha"), """
				{"item_id":"q1","output":"Rain on the tin roof","meta":{"temperature":0.7,"logprob":-12.5}}
				{"item_id":"q3","output":"1. Bread\\n2. Cheese"}
				""");
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().path("model").asString()).isEqualTo("alpha");
		assertThat(response.json().path("outputs").asInt()).isEqualTo(2);
		assertThat(storedText("alpha", "q3")).isEqualTo("1. Bread\n2. Cheese");
		assertThat(this.jdbc
			.sql("select meta from output o join model m on m.id = o.model_id join item i on i.id = o.item_id"
					+ " where m.name = 'alpha' and i.item_key = 'q1' and i.eval_set_id = (select id from eval_set where name = ?)")
			.param(this.set)
			.query(String.class)
			.single()).isEqualTo("{\"temperature\":0.7,\"logprob\":-12.5}");
	}

	@Test
	void importsCsvLongFormWithMultiLineQuotedCells() {
		String csv = "item_id,model,output\r\nq1,long-a,\"first line\r\nsecond, with comma\r\nand \"\"quotes\"\"\"\r\nq2,long-b,plain\r\n";
		Response response = this.admin.post(outputs(""), "text/csv", csv);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().path("models").toString()).isEqualTo("{\"long-a\":1,\"long-b\":1}");
		assertThat(storedText("long-a", "q1")).isEqualTo("first line\r\nsecond, with comma\r\nand \"quotes\"");
	}

	@Test
	void importsCsvWideFormWithByteOrderMarkAndSkipsEmptyCells() {
		String csv = "\uFEFFitem_id,wide-a,wide-b\nq1,a one,b one\nq2,,b two\nq3,a three,\n";
		Response response = this.admin.post(outputs(""), "text/csv", csv);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().path("models").toString()).isEqualTo("{\"wide-a\":2,\"wide-b\":2}");
		assertThat(storedText("wide-b", "q2")).isEqualTo("b two");
	}

	@Test
	void storesLongOutputsWithEmojiAndCjkExactly() {
		String text = ("模型输出 🚀 emoji ✓ Ünïcödé — ").repeat(800);
		assertThat(text.length()).isGreaterThan(20_000);
		Response response = this.admin.postJsonl(outputs("model=unicode"),
				"{\"item_id\":\"q2\",\"output\":\"" + text + "\"}\n");
		assertThat(response.status()).isEqualTo(201);
		assertThat(storedText("unicode", "q2")).isEqualTo(text);
		String csv = "item_id,model,output\nq1,unicode-csv," + quote(text) + "\n";
		assertThat(this.admin.post(outputs(""), "text/csv", csv).status()).isEqualTo(201);
		assertThat(storedText("unicode-csv", "q1")).isEqualTo(text);
	}

	@Test
	void rejectsOutputForUnknownItem() {
		assertRejected(outputs("model=m"), "application/x-ndjson",
				"{\"item_id\":\"q1\",\"output\":\"ok\"}\n{\"item_id\":\"q9\",\"output\":\"x\"}\n",
				"2//item_id/no item 'q9' in eval set " + this.set + " 1");
	}

	@Test
	void rejectsSecondOutputForTheSameItemAndModelInOneFile() {
		assertRejected(outputs("model=m"), "application/x-ndjson",
				"{\"item_id\":\"q1\",\"output\":\"ok\"}\n{\"item_id\":\"q2\",\"output\":\"ok\"}\n{\"item_id\":\"q1\",\"output\":\"again\"}\n",
				"3//item_id/second output of model 'm' for item 'q1' (first on line 1)");
	}

	@Test
	void rejectsOutputForAnItemTheModelAlreadyHas() {
		assertThat(this.admin.postJsonl(outputs("model=twice"), "{\"item_id\":\"q1\",\"output\":\"ok\"}").status())
			.isEqualTo(201);
		Response again = this.admin.postJsonl(outputs("model=twice"),
				"{\"item_id\":\"q2\",\"output\":\"new\"}\n{\"item_id\":\"q1\",\"output\":\"again\"}\n");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.firstError())
			.isEqualTo("2//item_id/model 'twice' already has an output for item 'q1' (imported earlier)");
		assertThat(countOutputs("twice")).isEqualTo(1);
	}

	@Test
	void anEmptyOrWhitespaceOutputIsAnAnswerAndIsStoredExactly() {
		Response jsonl = this.admin.postJsonl(outputs("model=silent"),
				"{\"item_id\":\"q1\",\"output\":\"\"}\n{\"item_id\":\"q2\",\"output\":\" \\n \"}\n");
		assertThat(jsonl.status()).as(jsonl.body()).isEqualTo(201);
		assertThat(storedText("silent", "q1")).isEmpty();
		assertThat(storedText("silent", "q2")).isEqualTo(" \n ");
		Response csv = this.admin.post(outputs(""), "text/csv",
				"item_id,model,output\nq1,silent-csv,\nq2,silent-csv,\"\"\n");
		assertThat(csv.status()).as(csv.body()).isEqualTo(201);
		assertThat(csv.json().path("models").toString()).isEqualTo("{\"silent-csv\":2}");
		assertThat(storedText("silent-csv", "q1")).isEmpty();
	}

	@Test
	void aCsvOfItemIdAndOutputHoldsTheOutputsOfTheModelTheRequestNamesEmptyOnesIncluded() {
		Response csv = this.admin.post(outputs("model=one-csv"), "text/csv",
				"item_id,output\nq1,\nq2,\"\"\nq3,\"Bread,\ncheese\"\n");
		assertThat(csv.status()).as(csv.body()).isEqualTo(201);
		assertThat(csv.json().path("models").toString()).isEqualTo("{\"one-csv\":3}");
		assertThat(storedText("one-csv", "q1")).isEmpty();
		assertThat(storedText("one-csv", "q2")).isEmpty();
		assertThat(storedText("one-csv", "q3")).isEqualTo("Bread,\ncheese");
		assertThat(countOutputs("output")).as("no model named after the column").isZero();
		assertRejected(outputs(""), "text/csv", "item_id,output\nq1,x\n",
				"1//model/the header item_id,output needs the model named in the request (?model=)");
	}

	@Test
	void anEmptyWideFormCellStillMeansNoOutputButSpacesAreAnOutput() {
		Response response = this.admin.post(outputs(""), "text/csv", "item_id,wide-x,wide-y\nq1,,\"\"\nq2,\"  \",b\n");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().path("models").toString()).isEqualTo("{\"wide-x\":1,\"wide-y\":1}");
		assertThat(storedText("wide-x", "q2")).isEqualTo("  ");
	}

	@Test
	void rejectsMissingOrNonTextOutput() {
		assertRejected(outputs("model=m"), "application/x-ndjson", "{\"item_id\":\"q1\"}\n",
				"1//output/required field is missing");
		assertRejected(outputs("model=m"), "application/x-ndjson", "{\"item_id\":\"q1\",\"output\":null}\n",
				"1//output/required field is missing");
		assertRejected(outputs("model=m"), "application/x-ndjson", "{\"item_id\":\"q1\",\"output\":7}\n",
				"1//output/must be a string, not a number");
	}

	@Test
	void rejectsJsonlWithoutAModel() {
		assertRejected(outputs(""), "application/x-ndjson", "{\"item_id\":\"q1\",\"output\":\"x\"}\n",
				"1//model/required field is missing");
	}

	@Test
	void rejectsCsvCellWithColumnNumber() {
		assertRejected(outputs(""), "text/csv", "item_id,model,output\nq1,m,ok\nq2,,text\n",
				"3/2/model/required field is empty");
	}

	@Test
	void rejectsUnterminatedQuoteInCsv() {
		Response response = this.admin.post(outputs(""), "text/csv",
				"item_id,model,output\nq1,m,\"never closed\nq2,m,x\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.firstError()).startsWith("2///invalid CSV");
		assertThat(countOutputs("m")).isZero();
	}

	@Test
	void rejectsCsvRowWithTheWrongNumberOfCells() {
		assertRejected(outputs(""), "text/csv", "item_id,wa,wb\nq1,x,y\nq2,x\n",
				"3///expected 3 cells as in the header, found 2");
	}

	@Test
	void rejectsCsvWithAnUnusableHeader() {
		assertRejected(outputs(""), "text/csv", "prompt,answer\nq1,x\n", "1///the header must be item_id,model,output");
	}

	@Test
	void rejectsInvalidUtf8InCsv() {
		byte[] body = "item_id,model,output\nq1,m,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
		Response response = this.admin.post(outputs(""), "text/csv", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.firstError()).isEqualTo("2///the file is not valid UTF-8");
	}

	@Test
	void answers404ForAnUnknownEvalSet() {
		Response response = this.admin.postJsonl("/api/eval-sets/no-such-set/outputs?model=m",
				"{\"item_id\":\"q1\",\"output\":\"x\"}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("detail").asString()).isEqualTo("No eval set named 'no-such-set'");
	}

	private void assertRejected(String path, String contentType, String body, String expectedFirstError) {
		Response response = this.admin.post(path, contentType, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.firstError()).startsWith(expectedFirstError);
		for (String model : List.of("m", "wa", "wb")) {
			assertThat(countOutputs(model)).isZero();
		}
	}

	private String outputs(String query) {
		return "/api/eval-sets/" + this.set + "/outputs" + (query.isEmpty() ? "" : "?" + query);
	}

	private String storedText(String model, String item) {
		return this.jdbc.sql("""
				select o.text from output o join model m on m.id = o.model_id join item i on i.id = o.item_id
				join eval_set e on e.id = i.eval_set_id where m.name = ? and i.item_key = ? and e.name = ?""")
			.params(model, item, this.set)
			.query(String.class)
			.single();
	}

	private int countOutputs(String model) {
		return this.jdbc.sql("""
				select count(*) from output o join model m on m.id = o.model_id join item i on i.id = o.item_id
				join eval_set e on e.id = i.eval_set_id where m.name = ? and e.name = ?""")
			.params(model, this.set)
			.query(Integer.class)
			.single();
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
