package dev.pairwise.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The admin list pages (home, eval sets, models) read counts kept when items and outputs
 * are imported or deleted, never the items and outputs themselves, so that their cost
 * does not grow with a set's size; the models page shows a bounded page of models; and
 * the kept counts stay right through uploads, added outputs and deletions.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class KeptCountsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A statement that reads the item or output table itself (not a kept count). */
	private static final Pattern READS_ITEMS_OR_OUTPUTS = Pattern.compile("(?i)\\b(from|join)\\s+(item|output)\\b");

	private static final Pattern MODEL_ROW = Pattern.compile("<tr>\\s*<td><code>([^<]+)</code>");

	private static final String ITEMS = """
			{"id":"q1","category":"math","setting":"zero-shot","prompt":"one"}
			{"id":"q2","category":"prose","setting":"few-shot","prompt":"two"}
			{"id":"q3","category":"math","setting":"zero-shot","prompt":"three"}
			""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	/**
	 * H2's query statistics list the statements; the PostgreSQL pass has no such view.
	 */
	@Test
	void homeEvalSetsAndModelsPagesReadNoItemOrOutputRow() {
		assumeFalse(this.environment.acceptsProfiles(Profiles.of("postgres")), "H2's query statistics");
		WebSession admin = WebSession.signedInAdmin(this.port);
		String set = uploadSet(admin);
		assertThat(admin
			.post("/api/eval-sets/" + set + "/outputs?model=" + set + "-m", "application/x-ndjson",
					"{\"item_id\":\"q1\",\"output\":\"a\"}\n")
			.status()).isEqualTo(201);

		List<String> statements = statementsRunWhile(() -> {
			for (String page : List.of("/", "/eval-sets", "/models")) {
				assertThat(admin.get(page).status()).as(page).isEqualTo(200);
			}
		});

		assertThat(statements).anyMatch((sql) -> sql.contains("eval_set_count"))
			.anyMatch((sql) -> sql.contains("output_count"));
		assertThat(statements).noneMatch((sql) -> READS_ITEMS_OR_OUTPUTS.matcher(sql).find());
	}

	@Test
	void countsStayRightThroughUploadAddedOutputsAndDeletion() {
		WebSession admin = WebSession.signedInAdmin(this.port);
		String set = uploadSet(admin);
		String model = set + "-m";
		JsonNode listed = evalSetJson(admin, set);
		assertThat(listed.get("items").asInt()).isEqualTo(3);
		assertThat(listed.get("categories").toString()).isEqualTo("{\"math\":2,\"prose\":1}");
		assertThat(listed.get("settings").toString()).isEqualTo("{\"zero-shot\":2,\"few-shot\":1}");

		assertThat(admin
			.post("/api/eval-sets/" + set + "/outputs?model=" + model, "application/x-ndjson",
					"{\"item_id\":\"q1\",\"output\":\"a\"}\n{\"item_id\":\"q2\",\"output\":\"b\"}\n")
			.status()).isEqualTo(201);
		assertThat(coverageCell(admin, model)).isEqualTo("2 / 3");

		assertThat(admin
			.post("/api/eval-sets/" + set + "/outputs?model=" + model, "application/x-ndjson",
					"{\"item_id\":\"q3\",\"output\":\"c\"}\n")
			.status()).isEqualTo(201);
		assertThat(coverageCell(admin, model)).isEqualTo("3 / 3");
		assertThat(keptOutputs(set, model)).isEqualTo(List.of(3));

		assertThat(admin.delete("/api/eval-sets/" + set + "/models/" + model).status()).isEqualTo(204);
		assertThat(coverageCell(admin, model)).isNull();
		assertThat(keptOutputs(set, model)).isEmpty();

		assertThat(admin.delete("/api/eval-sets/" + set).status()).isEqualTo(204);
		assertThat(this.jdbc
			.sql("select count(*) from eval_set_count c where not exists"
					+ " (select 1 from eval_set e where e.id = c.eval_set_id)")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theModelsPageShowsAHundredModelsAPageHoweverManyACsvNames() {
		WebSession admin = WebSession.signedInAdmin(this.port);
		String set = uploadSet(admin);
		List<String> models = IntStream.range(0, 130).mapToObj((i) -> set + "-w" + (1000 + i)).toList();
		String csv = "item_id," + String.join(",", models) + "\nq1,"
				+ models.stream().map((m) -> "x").collect(Collectors.joining(",")) + "\n";
		assertThat(admin.post("/api/eval-sets/" + set + "/outputs", "text/csv", csv).status()).isEqualTo(201);
		int modelsWithOutputs = this.jdbc.sql("select count(distinct model_id) from output_count")
			.query(Integer.class)
			.single();
		int pages = (modelsWithOutputs + 99) / 100;

		List<String> shown = new ArrayList<>();
		for (int page = 1; page <= pages; page++) {
			Page models_ = admin.get("/models?page=" + page);
			List<String> rows = modelRows(models_.body());
			assertThat(rows.size()).as("models on page " + page)
				.isEqualTo((page < pages) ? 100 : modelsWithOutputs - 100 * (pages - 1));
			assertThat(models_.body()).contains("Page " + page + " of " + pages);
			shown.addAll(rows);
		}
		assertThat(shown).hasSize(modelsWithOutputs).doesNotHaveDuplicates().containsAll(models);
	}

	private String uploadSet(WebSession admin) {
		String set = StudyFixture.uniqueName("kept").replaceAll("[^A-Za-z0-9]+", "-");
		assertThat(admin.post("/api/eval-sets?name=" + set + "&version=1", "application/x-ndjson", ITEMS).status())
			.isEqualTo(201);
		return set;
	}

	private static JsonNode evalSetJson(WebSession admin, String set) {
		for (JsonNode listed : JSON.readTree(admin.get("/api/eval-sets").body())) {
			if (listed.get("name").asString().equals(set)) {
				return listed;
			}
		}
		throw new AssertionError("eval set " + set + " not listed");
	}

	/** The "outputs / items" the models page shows for the model, or null. */
	private static String coverageCell(WebSession admin, String model) {
		for (int page = 1;; page++) {
			String body = admin.get("/models?page=" + page).body();
			int row = body.indexOf("<code>" + model + "</code>");
			if (row >= 0) {
				Matcher cell = Pattern.compile("<span>(\\d+ / \\d+)</span>").matcher(body);
				return cell.find(row) ? cell.group(1) : null;
			}
			if (!body.contains("page=" + (page + 1))) {
				return null;
			}
		}
	}

	private List<Integer> keptOutputs(String set, String model) {
		return this.jdbc.sql("""
				select c.outputs from output_count c join eval_set e on e.id = c.eval_set_id
				join model m on m.id = c.model_id where e.name = ? and m.name = ?""")
			.params(set, model)
			.query(Integer.class)
			.list();
	}

	private static List<String> modelRows(String body) {
		List<String> rows = new ArrayList<>();
		Matcher row = MODEL_ROW.matcher(body);
		while (row.find()) {
			rows.add(row.group(1));
		}
		return rows;
	}

	/** The SQL statements H2 ran while {@code pages} ran, from its query statistics. */
	private List<String> statementsRunWhile(Runnable pages) {
		this.jdbc.sql("set query_statistics false").update();
		this.jdbc.sql("set query_statistics_max_entries 100000").update();
		this.jdbc.sql("set query_statistics true").update();
		try {
			pages.run();
			return this.jdbc.sql("select sql_statement from information_schema.query_statistics")
				.query(String.class)
				.list();
		}
		finally {
			this.jdbc.sql("set query_statistics false").update();
		}
	}

}
