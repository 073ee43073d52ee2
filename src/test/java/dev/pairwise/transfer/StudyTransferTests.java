package dev.pairwise.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.PairwiseApplication;
import dev.pairwise.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A study moves between instances, and from H2 to PostgreSQL, with nothing lost: a study
 * in every state a campaign leaves behind (judged, skipped, leased and expired
 * assignments, attention checks, edited answers, flags, a quota, a revoked rater) is
 * exported and imported elsewhere, and exporting the copy gives back the same bundle, row
 * for row, up to the ids the new database assigned.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StudyTransferTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	@TempDir
	Path emptyEvalSets;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
	}

	@Test
	void aStudyComesBackIdenticalFromAnImportIntoTheSameInstanceWhoseEvalSetIsReused() {
		long study = campaign("same instance").study();
		String bundle = export(this.admin, study);

		Response imported = this.admin.post("/api/studies/import", "application/json", bundle);
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		JsonNode summary = imported.json();
		assertThat(summary.path("evalSetCreated").asBoolean()).isFalse();
		assertThat(summary.path("outputsAdded").asInt()).isZero();
		assertThat(summary.path("tasks").asInt())
			.isEqualTo(count("select count(*) from task where study_id = ?", study));
		long copy = summary.path("id").asLong();

		assertThat(withoutItsImport(normalized(export(this.admin, copy)))).isEqualTo(normalized(bundle));
		assertThat(countsPerTask(this.jdbc, copy)).isEqualTo(countsPerTask(this.jdbc, study));
		assertThat(judgments(this.jdbc, copy)).isEqualTo(judgments(this.jdbc, study)).hasSize(60 + checks(study));
		assertThat(results(this.admin, copy)).isEqualTo(results(this.admin, study));
	}

	@Test
	void aStudyMovesToAFreshH2InstanceWithItsEvalSetAndOutputs() {
		Campaign campaign = campaign("to a fresh H2");
		String bundle = export(this.admin, campaign.study());
		try (ConfigurableApplicationContext target = start("--spring.profiles.active=test")) {
			assertMovesIntact(target, campaign, bundle);
		}
	}

	@Test
	void aStudyMovesFromH2ToPostgres() {
		TestPostgres.assumeConfigured();
		Campaign campaign = campaign("to PostgreSQL");
		String bundle = export(this.admin, campaign.study());
		TestPostgres.Database database = TestPostgres.createDatabase();
		try (ConfigurableApplicationContext target = start("--spring.profiles.active=postgres",
				"--PAIRWISE_DB_URL=" + database.url(), "--PAIRWISE_DB_USER=" + database.user(),
				"--PAIRWISE_DB_PASSWORD=" + database.password())) {
			assertMovesIntact(target, campaign, bundle);
		}
	}

	@Test
	void anEvalSetThatDiffersOnTheTargetRefusesTheWholeBundle() {
		long study = campaign("conflict").study();
		ObjectNode bundle = (ObjectNode) JSON.readTree(export(this.admin, study));
		((ObjectNode) bundle.path("items").path(3)).put("prompt", "A different prompt under the same id");
		int studies = count("select count(*) from study");

		Response refused = this.admin.post("/api/studies/import", "application/json", bundle.toString());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("items[3].id");
		assertThat(refused.json().path("errors").path(0).path("message").asString()).isEqualTo("item '"
				+ bundle.path("items").path(3).path("id").asString()
				+ "' differs from the one eval set flan-style-190 1.0 has here; a set version cannot differ between instances");
		assertThat(count("select count(*) from study")).isEqualTo(studies);
	}

	@Test
	void aBrokenBundleNamesEveryBadFieldAndStoresNothing() {
		long study = campaign("broken").study();
		ObjectNode bundle = (ObjectNode) JSON.readTree(export(this.admin, study));
		ArrayNode judgments = (ArrayNode) bundle.path("judgments");
		((ObjectNode) judgments.path(0)).put("winner", "model_c");
		((ObjectNode) judgments.path(1)).put("assignment", 999_999_999L);
		((ObjectNode) judgments.path(2)).remove("createdAt");
		int studies = count("select count(*) from study");

		Response refused = this.admin.post("/api/studies/import", "application/json", bundle.toString());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("errors").findValuesAsString("field")).containsExactly("judgments[0].winner",
				"judgments[1].assignment", "judgments[2].createdAt");
		assertThat(count("select count(*) from study")).isEqualTo(studies);

		Response notJson = this.admin.post("/api/studies/import", "application/json",
				"{\"format\": \"pairwise-study\",");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json().path("errors").path(0).path("message").asString()).startsWith("invalid JSON");
		Response other = this.admin.post("/api/studies/import", "application/json", "{\"format\": \"something else\"}");
		assertThat(other.json().path("errors").path(0).path("message").asString())
			.isEqualTo("must be \"pairwise-study\": this is not a Pairwise study export");
	}

	@Test
	void theStudyPageOffersTheExportAndTheStudiesPageTheImport() {
		long study = campaign("page").study();
		Response page = this.admin.get("/studies/" + study);
		assertThat(page.body()).contains("href=\"/api/studies/" + study + "/export\"");
		assertThat(this.admin.get("/studies").body()).contains("action=\"/studies/import\"")
			.contains("name=\"bundle\"");
		Response download = this.admin.get("/api/studies/" + study + "/export");
		assertThat(download.contentType()).startsWith("application/json");
	}

	private void assertMovesIntact(ConfigurableApplicationContext target, Campaign campaign, String bundle) {
		long study = campaign.study();
		int port = Integer.parseInt(target.getEnvironment().getProperty("local.server.port"));
		HttpTestClient targetAdmin = HttpTestClient.admin(port);
		Response imported = targetAdmin.post("/api/studies/import", "application/json", bundle);
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().path("evalSetCreated").asBoolean()).isTrue();
		assertThat(imported.json().path("outputsAdded").asInt()).isEqualTo(2 * 190);
		long copy = imported.json().path("id").asLong();
		JdbcClient targetJdbc = target.getBean(JdbcClient.class);

		assertThat(withoutItsImport(normalized(export(targetAdmin, copy)))).isEqualTo(normalized(bundle));
		assertThat(countsPerTask(targetJdbc, copy)).isEqualTo(countsPerTask(this.jdbc, study));
		assertThat(judgments(targetJdbc, copy)).isEqualTo(judgments(this.jdbc, study));
		assertThat(results(targetAdmin, copy)).isEqualTo(results(this.admin, study));
		assertThat(evalSetListing(targetAdmin)).as("the created set's kept item counts")
			.isEqualTo(evalSetListing(this.admin));
		assertThat(targetJdbc.sql("select sum(outputs) from output_count").query(Integer.class).single())
			.as("the kept output counts")
			.isEqualTo(2 * 190);

		assertThat(HttpTestClient.anonymous(port).get("/api/rate/" + campaign.tokens().get(0) + "/next").status())
			.as("an old link opens nothing on the copy")
			.isEqualTo(404);
		Response invite = targetAdmin.postJson("/api/studies/" + copy + "/invites", Map.of("count", 1));
		String url = invite.json().path(0).path("url").asString();
		Response next = HttpTestClient.anonymous(port)
			.get("/api/rate/" + url.substring(url.lastIndexOf('/') + 1) + "/next");
		assertThat(next.status()).as("a new link rates the copy").isEqualTo(200);
	}

	/** The listing of the campaigns' eval set, with its item counts. */
	private static String evalSetListing(HttpTestClient admin) {
		for (JsonNode set : admin.get("/api/eval-sets").json()) {
			if (set.path("name").asString().equals("flan-style-190")) {
				return set.toString();
			}
		}
		throw new AssertionError("flan-style-190 is not listed");
	}

	private Campaign campaign(String name) {
		return Campaign.run(name, this.admin, this.port, this.jdbc);
	}

	private int checks(long study) {
		return count("select count(*) from judgment where study_id = ? and attention = true", study);
	}

	private static String export(HttpTestClient admin, long study) {
		Response export = admin.get("/api/studies/" + study + "/export");
		assertThat(export.status()).as(export.body()).isEqualTo(200);
		return export.body();
	}

	/**
	 * The study's results as the API answers them, byte for byte but for the study's id
	 * and when and how fast they were computed.
	 */
	private static String results(HttpTestClient admin, long study) {
		Response results = admin.get("/api/studies/" + study + "/results");
		assertThat(results.status()).as(results.body()).isEqualTo(200);
		return results.body()
			.replaceFirst("^\\{\"study\":\\{\"id\":\\d+,", "{\"study\":{\"id\":null,")
			.replaceAll("\"computedAt\":\"[^\"]*\"", "\"computedAt\":null")
			.replaceAll("\"computeMillis\":\\d+", "\"computeMillis\":0");
	}

	/**
	 * The bundle without its export time, with each row's ref, and every reference to a
	 * row, replaced by the row's position in its section: what must survive a move.
	 */
	/**
	 * A copy's bundle as it came: its audit log's last entry, the import that made it,
	 * taken off.
	 */
	private static JsonNode withoutItsImport(JsonNode copy) {
		ArrayNode audit = (ArrayNode) copy.path("audit");
		assertThat(audit.get(audit.size() - 1).path("action").asString()).isEqualTo("POST /api/studies/import");
		audit.remove(audit.size() - 1);
		return copy;
	}

	private static JsonNode normalized(String bundle) {
		ObjectNode tree = (ObjectNode) JSON.readTree(bundle);
		tree.remove("exportedAt");
		Map<String, Map<Long, Integer>> positions = new HashMap<>();
		for (String section : List.of("tasks", "raters", "assignments")) {
			Map<Long, Integer> bySection = new HashMap<>();
			int position = 0;
			for (JsonNode row : tree.path(section)) {
				bySection.put(row.path("ref").asLong(), position);
				((ObjectNode) row).put("ref", position++);
			}
			positions.put(section, bySection);
		}
		Map<String, String> references = Map.of("task", "tasks", "rater", "raters", "assignment", "assignments");
		for (String section : List.of("assignments", "judgments", "edits", "flags")) {
			for (JsonNode row : tree.path(section)) {
				references.forEach((field, target) -> {
					if (row.path(field).isNumber()) {
						((ObjectNode) row).put(field, positions.get(target).get(row.path(field).asLong()));
					}
				});
			}
		}
		return tree;
	}

	/** Per task, in task order: item, models, kind, needed, accepted, leased. */
	private static List<String> countsPerTask(JdbcClient jdbc, long study) {
		return jdbc.sql("""
				select i.item_key, t.attention_kind, t.needed, t.accepted, t.leased from task t
				join item i on i.id = t.item_id where t.study_id = ? order by t.id""")
			.param(study)
			.query((rs, row) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4) + "/"
					+ rs.getInt(5))
			.list();
	}

	/**
	 * Every judgment, in id order, with what identifies its item, models and rater, and
	 * its criterion answers.
	 */
	private static List<String> judgments(JdbcClient jdbc, long study) {
		return jdbc
			.sql("""
					select i.item_key, ma.name, mb.name, j.winner, j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason,
					  j.elapsed_ms, j.judge, j.source, j.attention, j.attention_correct, j.created_at, j.updated_at, r.label,
					  (select c.winner from judgment_criterion c where c.judgment_id = j.id and c.criterion = 'correctness'),
					  (select c.winner from judgment_criterion c where c.judgment_id = j.id and c.criterion = 'style')
					from judgment j join item i on i.id = j.item_id join model ma on ma.id = j.model_a_id
					join model mb on mb.id = j.model_b_id left join rater r on r.id = j.rater_id
					where j.study_id = ? order by j.id""")
			.param(study)
			.query((rs, row) -> {
				StringBuilder line = new StringBuilder();
				for (int column = 1; column <= 19; column++) {
					Object value = (column == 15 || column == 16) ? rs.getTimestamp(column).toInstant()
							: rs.getObject(column);
					line.append(value).append('|');
				}
				return line.toString();
			})
			.list();
	}

	private ConfigurableApplicationContext start(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--pairwise.eval-sets=" + this.emptyEvalSets,
				"--pairwise.admin.password=" + HttpTestClient.ADMIN_PASSWORD, "--spring.main.banner-mode=off"));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(PairwiseApplication.class).run(all.toArray(String[]::new));
	}

	private int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

}
