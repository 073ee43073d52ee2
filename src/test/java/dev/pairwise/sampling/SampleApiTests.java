package dev.pairwise.sampling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sample import, selection and re-selection through the real HTTP API, and the chosen
 * samples used by a study exactly as imported outputs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SampleApiTests {

	private static final AtomicInteger SETS = new AtomicInteger();

	// q1: median -45, threshold -22.5, sample 0 dropped, 1 chosen. q2: two samples,
	// median
	// -15, threshold -7.5, both kept, -10 (sample 3) chosen.
	private static final String SAMPLES = """
			{"item_id":"q1","output":"the the the the","logprob":-10,"sample":0}
			{"item_id":"q1","output":"Rain on a tin roof","logprob":-40,"sample":1,"meta":{"seed":7}}
			{"item_id":"q1","output":"Dawn","logprob":-50,"sample":2}
			{"item_id":"q1","output":"Bread rising","logprob":-45,"sample":3}
			{"item_id":"q1","output":"Flour","logprob":-60,"sample":4}
			{"item_id":"q2","output":"There once was","logprob":-20,"sample":0}
			{"item_id":"q2","output":"A limerick","logprob":-10,"sample":3}
			""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	String set;

	@BeforeEach
	void createEvalSet() {
		this.admin = HttpTestClient.admin(this.port);
		this.set = "samples-" + SETS.incrementAndGet();
		String items = """
				{"id":"q1","category":"creativity","setting":"zero-shot","prompt":"Write a haiku."}
				{"id":"q2","category":"creativity","setting":"zero-shot","prompt":"Write a limerick."}
				{"id":"q3","category":"planning","setting":"zero-shot","prompt":"Plan a picnic."}
				""";
		assertThat(this.admin.postJsonl("/api/eval-sets?name=" + this.set + "&version=1", items).status())
			.isEqualTo(201);
	}

	@Test
	void importedSamplesBecomeTheChosenOutputsWithTheDecisionInTheirMeta() {
		Response response = this.admin.postJsonl(samples("model=sampled"), SAMPLES);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("{\"evalSet\":\"" + this.set
				+ "\",\"version\":\"1\",\"model\":\"sampled\",\"rule\":\"flan\",\"items\":2,\"samples\":7,\"allDropped\":0}");
		assertThat(output("sampled", "q1")).isEqualTo("Rain on a tin roof");
		assertThat(output("sampled", "q2")).isEqualTo("A limerick");
		assertThat(meta("sampled", "q1")).isEqualTo(
				"{\"sample\":1,\"logprob\":-40.0,\"selection\":\"flan\",\"median\":-45.0,\"threshold\":-22.5,\"meta\":{\"seed\":7}}");
	}

	@Test
	void theSelectionReportShowsEverySampleWithItsVerdict() {
		this.admin.postJsonl(samples("model=reported"), SAMPLES);
		Response report = this.admin.get("/api/eval-sets/" + this.set + "/models/reported/selection");
		assertThat(report.status()).isEqualTo(200);
		JsonNode q1 = report.json().get(0);
		assertThat(q1.toString()).isEqualTo("{\"itemId\":\"q1\",\"chosen\":1,\"median\":-45.0,\"threshold\":-22.5,"
				+ "\"allDropped\":false,\"samples\":["
				+ "{\"sample\":0,\"output\":\"the the the the\",\"logprob\":-10.0,\"kept\":false,\"reason\":\"above-threshold\"},"
				+ "{\"sample\":1,\"output\":\"Rain on a tin roof\",\"logprob\":-40.0,\"kept\":true,\"reason\":\"chosen\"},"
				+ "{\"sample\":2,\"output\":\"Dawn\",\"logprob\":-50.0,\"kept\":true,\"reason\":\"lower-logprob\"},"
				+ "{\"sample\":3,\"output\":\"Bread rising\",\"logprob\":-45.0,\"kept\":true,\"reason\":\"lower-logprob\"},"
				+ "{\"sample\":4,\"output\":\"Flour\",\"logprob\":-60.0,\"kept\":true,\"reason\":\"lower-logprob\"}]}");
		assertThat(report.json().get(1).path("chosen").asInt()).isEqualTo(3);
		assertThat(report.json()).hasSize(2);
	}

	@Test
	void reselectingWithAnotherRuleReplacesTheOutputs() {
		this.admin.postJsonl(samples("model=reselected"), SAMPLES);
		Response first = this.admin.post(selection("reselected") + "?rule=first", "application/json", "");
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(output("reselected", "q1")).isEqualTo("the the the the");
		assertThat(output("reselected", "q2")).isEqualTo("There once was");
		this.admin.post(selection("reselected") + "?rule=highest-logprob", "application/json", "");
		assertThat(output("reselected", "q1")).isEqualTo("the the the the");
		assertThat(output("reselected", "q2")).isEqualTo("A limerick");
		assertThat(this.admin.get(selection("reselected")).json().get(0).path("median").isNull()).isTrue();
	}

	@Test
	void csvLongFormImportsTheSameSamples() {
		String csv = "sample,item_id,logprob,output\n0,q1,-10,\"the, the\"\n1,q1,-40,rain\n2,q1,-50,dawn\n";
		Response response = this.admin.post(samples("model=csv-sampled"), "text/csv", csv);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		// Median -40, threshold -20: -10 dropped, -40 chosen.
		assertThat(output("csv-sampled", "q1")).isEqualTo("rain");
	}

	@Test
	void anEmptySampleIsASampleAndCanBeTheChosenOutput() {
		// An empty sample has the highest log-probability that survives the filter here:
		// median -40, threshold -20.
		String csv = "item_id,sample,logprob,output\nq1,0,-30,\nq1,1,-40,rain\nq1,2,-50,dawn\n";
		Response response = this.admin.post(samples("model=empty-sampled"), "text/csv", csv);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(output("empty-sampled", "q1")).isEmpty();
		Response jsonl = this.admin.postJsonl(samples("model=empty-jsonl"), """
				{"item_id":"q1","output":"","logprob":-30,"sample":0}
				{"item_id":"q1","output":"rain","logprob":-40,"sample":1}
				""");
		assertThat(jsonl.status()).as(jsonl.body()).isEqualTo(201);
		assertThat(output("empty-jsonl", "q1")).isEmpty();
	}

	@Test
	void anItemWhoseSamplesAreAllDroppedIsMarked() {
		Response response = this.admin.postJsonl(samples("model=odd"), """
				{"item_id":"q1","output":"a","logprob":4,"sample":0}
				{"item_id":"q1","output":"b","logprob":3,"sample":1}
				{"item_id":"q1","output":"c","logprob":5,"sample":2}
				""");
		assertThat(response.json().path("allDropped").asInt()).isEqualTo(1);
		assertThat(output("odd", "q1")).isEqualTo("b");
		assertThat(meta("odd", "q1")).contains("\"allDropped\":true");
	}

	@Test
	void rejectsBadSamplesWithLineNumbersAndStoresNothing() {
		assertRejected("{\"item_id\":\"q1\",\"output\":\"x\",\"logprob\":\"-3\",\"sample\":0}\n",
				"1//logprob/must be a finite number (the sample's total log-probability)");
		assertRejected(
				"{\"item_id\":\"q1\",\"output\":\"x\",\"logprob\":-3,\"sample\":0}\n"
						+ "{\"item_id\":\"q1\",\"output\":\"x\",\"logprob\":-3,\"sample\":-1}\n",
				"2//sample/must be a non-negative integer (0, 1, 2...)");
		assertRejected("{\"item_id\":\"q1\",\"output\":\"x\",\"logprob\":-3,\"sample\":1.5}\n",
				"1//sample/must be a non-negative integer");
		assertRejected(
				"{\"item_id\":\"q1\",\"output\":\"x\",\"logprob\":-3,\"sample\":0}\n"
						+ "{\"item_id\":\"q1\",\"output\":\"y\",\"logprob\":-4,\"sample\":0}\n",
				"2//sample/second sample 0 of model 'm' for item 'q1' (first on line 1)");
		assertRejected("{\"item_id\":\"q9\",\"output\":\"x\",\"logprob\":-3,\"sample\":0}\n",
				"1//item_id/no item 'q9' in eval set " + this.set + " 1");
		Response csv = this.admin.post(samples("model=m"), "text/csv", "item_id,output,logprob,sample\nq1,x,NaN,0\n");
		assertThat(csv.firstError())
			.isEqualTo("2/3/logprob/must be a finite number (the sample's total log-probability), not 'NaN'");
		assertThat(this.jdbc.sql("select count(*) from sample where model = 'm'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void rejectsSamplesImportedEarlier() {
		this.admin.postJsonl(samples("model=twice"), SAMPLES);
		Response again = this.admin.postJsonl(samples("model=twice"),
				"{\"item_id\":\"q1\",\"output\":\"x\",\"logprob\":-3,\"sample\":1}\n");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.firstError())
			.isEqualTo("1//sample/model 'twice' already has sample 1 of item 'q1' (imported earlier)");
	}

	@Test
	void rejectsAnUnknownRule() {
		Response response = this.admin.postJsonl(samples("model=m&selection=longest"), SAMPLES);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("unknown selection rule 'longest'; use one of flan, highest-logprob, first");
	}

	@Test
	void aStudyUsesTheChosenOutputsAndBlocksReselectionWhileOpen() {
		this.admin.postJsonl(samples("model=studied-a"), SAMPLES);
		this.admin.postJsonl(samples("model=studied-b"), SAMPLES.replace("-10,", "-11,"));
		Response created = this.admin.postJson("/api/studies", Map.of("name", "on samples " + this.set, "evalSet",
				this.set, "models", List.of("studied-a", "studied-b"), "ratingsPerTask", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();
		assertThat(this.admin.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from task where study_id = ? and attention_kind is null")
			.param(study)
			.query(Integer.class)
			.single()).as("one task per item both models have").isEqualTo(2);
		Response refused = this.admin.post(selection("studied-a") + "?rule=first", "application/json", "");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().path("detail").asString()).isEqualTo("model 'studied-a' has outputs in use by open"
				+ " studies (on samples " + this.set + "); close them before its samples or selection change");
		assertThat(output("studied-a", "q1")).isEqualTo("Rain on a tin roof");
	}

	private void assertRejected(String body, String expectedFirstError) {
		Response response = this.admin.postJsonl(samples("model=m"), body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.firstError()).startsWith(expectedFirstError);
	}

	private String samples(String query) {
		return "/api/eval-sets/" + this.set + "/samples?" + query;
	}

	private String selection(String model) {
		return "/api/eval-sets/" + this.set + "/models/" + model + "/selection";
	}

	private String output(String model, String item) {
		return column("text", model, item);
	}

	private String meta(String model, String item) {
		return column("meta", model, item);
	}

	private String column(String column, String model, String item) {
		return this.jdbc.sql("select o." + column + """
				 from output o join model m on m.id = o.model_id join item i on i.id = o.item_id
				join eval_set e on e.id = i.eval_set_id where m.name = ? and i.item_key = ? and e.name = ?""")
			.params(model, item, this.set)
			.query(String.class)
			.single();
	}

}
