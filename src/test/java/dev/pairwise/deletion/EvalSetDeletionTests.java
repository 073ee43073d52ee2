package dev.pairwise.deletion;

import java.util.List;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An eval set, or a model's outputs on one, is deleted only when no study uses it, and
 * then leaves no row behind in any table; otherwise the answer names the studies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EvalSetDeletionTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ITEMS = """
			{"id":"q1","category":"c","setting":"zero-shot","prompt":"first"}
			{"id":"q2","category":"c","setting":"zero-shot","prompt":"second"}
			""";

	private static final String OUTPUTS = """
			{"item_id":"q1","output":"one"}
			{"item_id":"q2","output":"two"}
			""";

	private static final String SAMPLES = """
			{"item_id":"q1","output":"one a","logprob":-3,"sample":0}
			{"item_id":"q1","output":"one b","logprob":-2,"sample":1}
			{"item_id":"q2","output":"two a","logprob":-1,"sample":0}
			""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whatAStudyUsesIsRefusedNamingTheStudyAndWhatNoneUsesLeavesNoRowBehind() {
		WebSession admin = WebSession.basicAdmin(this.port);
		String set = StudyFixture.uniqueName("deletion").replaceAll("[^A-Za-z0-9]+", "-");
		String used = set + "-used";
		String other = set + "-other";
		String unused = set + "-unused";
		assertThat(admin.post("/api/eval-sets?name=" + set + "&version=1", "application/x-ndjson", ITEMS).status())
			.isEqualTo(201);
		for (String model : List.of(used, other)) {
			assertThat(admin.post("/api/eval-sets/" + set + "/outputs?model=" + model, "application/x-ndjson", OUTPUTS)
				.status()).isEqualTo(201);
		}
		assertThat(admin.post("/api/eval-sets/" + set + "/samples?model=" + unused, "application/x-ndjson", SAMPLES)
			.status()).isEqualTo(201);
		assertThat(admin
			.post("/api/eval-sets/" + set + "/models/" + unused + "/selection?rule=first", "application/json", "")
			.status()).isEqualTo(200);
		long evalSet = this.jdbc.sql("select id from eval_set where name = ?").param(set).query(Long.class).single();
		long unusedModel = modelId(unused);
		Page created = admin.post("/api/studies", "application/json",
				"{\"name\":\"Uses it\",\"evalSet\":\"" + set + "\",\"models\":[\"" + used + "\",\"" + other
						+ "\"],\"categories\":[\"c\"],\"settings\":[\"zero-shot\"]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = JSON.readTree(created.body()).get("id").asLong();

		Page setRefused = admin.delete("/api/eval-sets/" + set);
		Page modelRefused = admin.delete("/api/eval-sets/" + set + "/models/" + used);

		assertThat(setRefused.status()).isEqualTo(409);
		assertThat(setRefused.body()).contains("Cannot delete eval set '" + set + "': it is used by study " + study
				+ " 'Uses it'. Delete those studies first");
		assertThat(modelRefused.status()).isEqualTo(409);
		assertThat(modelRefused.body()).contains("Cannot delete model '" + used + "' on eval set '" + set
				+ "': it is used by study " + study + " 'Uses it'.");
		assertThat(admin.delete("/api/eval-sets/" + set + "/models/no-such-model").status()).isEqualTo(404);
		assertThat(admin.delete("/api/eval-sets/no-such-set-" + set).status()).isEqualTo(404);

		assertThat(count("select count(*) from output where model_id = ?", unusedModel)).isEqualTo(2);
		assertThat(count("select count(*) from sample where model = ?", unused)).isEqualTo(3);
		assertThat(admin.delete("/api/eval-sets/" + set + "/models/" + unused).status()).isEqualTo(204);
		assertThat(count("select count(*) from sample where model = ?", unused)).isZero();
		assertThat(count("select count(*) from sample_selection where model = ?", unused)).isZero();
		assertThat(rowsNaming("model_id", unusedModel)).isZero();
		assertThat(count("select count(*) from model where id = ?", unusedModel)).isZero();
		assertThat(
				count("select count(*) from output o join item i on i.id = o.item_id where i.eval_set_id = ?", evalSet))
			.isEqualTo(4);

		List<Long> modelsOfTheSet = List.of(modelId(used), modelId(other));
		assertThat(admin.delete("/api/studies/" + study).status()).isEqualTo(204);
		assertThat(admin.delete("/api/eval-sets/" + set).status()).isEqualTo(204);

		assertThat(rowsNaming("eval_set_id", evalSet)).isZero();
		assertThat(count("select count(*) from eval_set where id = ?", evalSet)).isZero();
		assertThat(count("select count(*) from item where eval_set_id = ?", evalSet)).isZero();
		for (long model : modelsOfTheSet) {
			assertThat(rowsNaming("model_id", model)).isZero();
			assertThat(count("select count(*) from model where id = ?", model)).isZero();
		}
		assertThat(
				count("select count(*) from sample s where not exists (select 1 from item i where i.id = s.item_id)"))
			.isZero();
		assertThat(admin.get("/api/eval-sets").body()).doesNotContain("\"" + set + "\"");
		assertThat(admin.delete("/api/eval-sets/" + set).status()).isEqualTo(404);
	}

	/**
	 * Rows of every table with a column named {@code column} or ending in it (such as
	 * {@code baseline_model_id}) that hold the id, found through the information schema.
	 */
	private long rowsNaming(String column, long id) {
		List<String[]> columns = this.jdbc.sql("""
				select lower(table_name), lower(column_name) from information_schema.columns
				where lower(table_schema) = lower(current_schema) and lower(column_name) like ?""")
			.param("%" + column)
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		assertThat(columns).extracting((c) -> c[0]).contains(column.equals("model_id") ? "output" : "item");
		long rows = 0;
		for (String[] c : columns) {
			rows += count("select count(*) from " + c[0] + " where " + c[1] + " = ?", id);
		}
		return rows;
	}

	private long modelId(String name) {
		return this.jdbc.sql("select id from model where name = ?").param(name).query(Long.class).single();
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

}
