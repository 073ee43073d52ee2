package dev.pairwise.study;

import java.util.List;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a draft study leaves no row of it in any table; a study that was opened is
 * refused, saying why, and is archived once closed instead: gone from the lists, still
 * readable and exportable, and restorable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeleteAndArchiveStudyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDeletedDraftStudyLeavesNoRowInAnyTable() {
		WebSession admin = WebSession.basicAdmin(this.port);
		long study = create(admin, "draft to delete");
		assertThat(admin.post("/api/studies/" + study + "/invites", "application/json", "{\"count\":3}").status())
			.isEqualTo(201);
		assertThat(rowsOf(study)).isPositive();

		assertThat(admin.delete("/api/studies/" + study).status()).isEqualTo(204);

		assertThat(rowsOf(study)).isZero();
		assertThat(this.jdbc.sql("select count(*) from study where id = ?").param(study).query(Long.class).single())
			.isZero();
		assertThat(admin.get("/api/studies/" + study).status()).isEqualTo(404);
		assertThat(admin.delete("/api/studies/" + study).status()).isEqualTo(404);
	}

	@Test
	void aStudyThatWasOpenedIsNotDeletedAndTheAnswerSaysWhy() {
		WebSession admin = WebSession.basicAdmin(this.port);
		long study = create(admin, "opened");
		admin.post("/api/studies/" + study + "/open", "application/json", "");

		Page refused = admin.delete("/api/studies/" + study);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("Study " + study + " is open: only a draft study can be deleted");
		assertThat(rowsOf(study)).isPositive();
	}

	@Test
	void aClosedStudyIsArchivedOutOfTheListsStillExportableAndRestored() {
		WebSession admin = WebSession.basicAdmin(this.port);
		long study = create(admin, "to archive");
		admin.post("/api/studies/" + study + "/open", "application/json", "");
		Page early = admin.post("/api/studies/" + study + "/archive", "application/json", "");
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.body()).contains("only a closed study can be archived");
		admin.post("/api/studies/" + study + "/close", "application/json", "");

		assertThat(admin.post("/api/studies/" + study + "/archive", "application/json", "").status()).isEqualTo(200);

		assertThat(ids(admin.get("/api/studies").body())).doesNotContain(study);
		assertThat(ids(admin.get("/api/studies?archived=true").body())).contains(study);
		WebSession page = WebSession.signedInAdmin(this.port);
		assertThat(page.get("/studies").body()).doesNotContain("/studies/" + study + "\"");
		assertThat(page.get("/studies?archived=true").body()).contains("/studies/" + study + "\"");
		assertThat(page.get("/").body()).doesNotContain("/studies/" + study + "\"");
		assertThat(admin.get("/api/studies/" + study + "/export").status()).isEqualTo(200);
		assertThat(page.get("/studies/" + study).body()).contains("/studies/" + study + "/restore");

		assertThat(admin.post("/api/studies/" + study + "/restore", "application/json", "").status()).isEqualTo(200);
		assertThat(ids(admin.get("/api/studies").body())).contains(study);
	}

	@Test
	void everyDestructiveButtonOfTheStudyPageAsksFirst() {
		WebSession admin = WebSession.basicAdmin(this.port);
		long study = create(admin, "buttons");
		admin.post("/api/studies/" + study + "/invites", "application/json", "{\"count\":1}");
		WebSession page = WebSession.signedInAdmin(this.port);
		String draft = page.get("/studies/" + study).body();
		assertThat(draft).contains("/js/confirm.js")
			.containsPattern("action=\"/studies/" + study + "/delete\"[^>]*data-confirm=\"[^\"]+\"")
			.containsPattern("/revoke\"[^>]*data-confirm=\"[^\"]+\"");
		admin.post("/api/studies/" + study + "/open", "application/json", "");
		assertThat(page.get("/studies/" + study).body())
			.containsPattern("action=\"/studies/" + study + "/close\"[^>]*data-confirm=\"[^\"]+\"");
	}

	/**
	 * Rows that name the study in every table with a {@code study_id} but the audit log.
	 */
	private long rowsOf(long study) {
		List<String> tables = this.jdbc.sql("""
				select lower(table_name) from information_schema.columns
				where lower(table_schema) = lower(current_schema) and lower(column_name) = 'study_id'
				and lower(table_name) <> 'audit_entry'""").query(String.class).list();
		assertThat(tables).contains("task", "rater", "study_model", "open_task_count", "assignment", "judgment");
		long rows = 0;
		for (String table : tables) {
			rows += this.jdbc.sql("select count(*) from " + table + " where study_id = ?")
				.param(study)
				.query(Long.class)
				.single();
		}
		return rows + this.jdbc
			.sql("select count(*) from rater_target t where not exists "
					+ "(select 1 from rater r where r.id = t.rater_id)")
			.query(Long.class)
			.single();
	}

	private static long create(WebSession admin, String name) {
		Page created = admin.post("/api/studies", "application/json",
				"{\"name\":\"" + StudyFixture.uniqueName(name)
						+ "\",\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\",\"base-demo\"],"
						+ "\"categories\":[\"creativity\"],\"settings\":[\"zero-shot\"]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	private static List<Long> ids(String studies) {
		return JSON.readTree(studies).valueStream().map((study) -> study.get("id").asLong()).toList();
	}

}
