package dev.pairwise.study;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.importing.CsvCells;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
 * Hostile values in the fields of the admin API, the admin forms and the rater API: too
 * long for their column or holding a NUL character, they are a 400 that names the field,
 * never a 500 from the database; and a label that a spreadsheet would run as a formula
 * leaves the invites CSV defused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileFieldTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	WebSession admin;

	StudyFixture fixture;

	@BeforeEach
	void connect() {
		this.admin = WebSession.basicAdmin(this.port);
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
	}

	@Test
	void anInviteLabelTooLongOrWithNulIsA400AndCreatesNoLink() {
		long study = this.fixture.createOpenStudy("labels", Map.of("open", false));
		for (String label : List.of("l".repeat(101), "a\u0000b")) {
			Page page = this.admin.post("/api/studies/" + study + "/invites", "application/json",
					"{\"count\":3,\"label\":\"" + label.replace("\u0000", "\\u0000") + "\"}");
			assertThat(page.status()).isEqualTo(400);
			assertThat(page.body()).contains("label must be at most 100 characters of text");
		}
		assertThat(raters(study)).isZero();
		assertThat(this.admin
			.post("/api/studies/" + study + "/invites", "application/json",
					"{\"count\":1000,\"label\":\"" + "l".repeat(100) + "\"}")
			.status()).isEqualTo(201);
		assertThat(raters(study)).isEqualTo(1000);
	}

	@Test
	void studyInstructionsTooLongOrANulInTheNameIsA400NamingTheField() {
		Page longInstructions = this.admin.post("/api/studies", "application/json",
				study("long instructions", "\"" + "i".repeat(100_001) + "\""));
		assertThat(longInstructions.status()).isEqualTo(400);
		assertThat(longInstructions.body())
			.contains("{\"field\":\"instructions\",\"message\":\"are longer than 100000 characters\"}");
		Page nulName = this.admin.post("/api/studies", "application/json", study("nul\\u0000name", "null"));
		assertThat(nulName.status()).isEqualTo(400);
		assertThat(nulName.body()).contains("{\"field\":\"name\",\"message\":\"contains a NUL character\"}");
		assertThat(this.admin
			.post("/api/studies", "application/json",
					study("long enough instructions", "\"" + "i".repeat(100_000) + "\""))
			.status()).isEqualTo(201);
	}

	@Test
	void anEvalSetTitleOrDescriptionTooLongIsA400NamingTheField() {
		String items = "{\"id\":\"q1\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n";
		Page title = this.admin.post("/api/eval-sets?name=long-title&version=1&title=" + "t".repeat(501),
				"application/x-ndjson", items);
		assertThat(title.status()).isEqualTo(400);
		assertThat(title.body()).contains("\"field\":\"title\",\"message\":\"is longer than 500 characters\"");
		// Too long for a URL, so through the upload form.
		Page description = WebSession.signedInAdmin(this.port)
			.postMultipart("/eval-sets",
					Map.of("name", "long-description", "version", "1", "description", "d".repeat(20_001)), "items",
					"items.jsonl", items.getBytes());
		assertThat(description.status()).isEqualTo(200);
		assertThat(description.body()).contains("field &#39;description&#39;: is longer than 20000 characters");
		assertThat(
				this.jdbc.sql("select count(*) from eval_set where name like 'long-%'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void aRatersReasonOrNoteWithNulIsA400AndNothingIsStored() {
		long study = this.fixture.createOpenStudy("rater text", Map.of());
		String token = this.fixture.token(study);
		WebSession rater = WebSession.anonymous(this.port);
		String assignment = rater.get("/api/rate/" + token + "/next")
			.body()
			.replaceAll("(?s).*\"assignmentId\":(\\d+).*", "$1");
		Page reason = rater.post("/api/rate/" + token + "/judgments", "application/json",
				"{\"assignmentId\":" + assignment + ",\"choice\":\"1\",\"reason\":\"a\\u0000b\"}");
		assertThat(reason.status()).isEqualTo(400);
		assertThat(reason.body()).contains("NUL character");
		Page note = rater.post("/api/rate/" + token + "/flag", "application/json",
				"{\"assignmentId\":" + assignment + ",\"note\":\"a\\u0000b\"}");
		assertThat(note.status()).isEqualTo(400);
		assertThat(this.jdbc
			.sql("select (select count(*) from judgment where study_id = ?)"
					+ " + (select count(*) from task_flag where study_id = ?)")
			.params(study, study)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aNulInAnyParameterIsRefusedBeforeItReachesAQuery() {
		long study = this.fixture.createOpenStudy("nul parameters", Map.of("open", false));
		long evalSet = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'")
			.query(Long.class)
			.single();
		WebSession signedIn = WebSession.signedInAdmin(this.port);
		assertThat(signedIn.get("/eval-sets/" + evalSet + "?category=%00").status()).isEqualTo(400);
		assertThat(this.admin.get("/api/studies/" + study + "/judgments.csv?source=a%00b").status()).isEqualTo(400);
		assertThat(this.admin
			.post("/api/eval-sets/flan-style-190/outputs?model=m&version=%00", "application/x-ndjson",
					"{\"item_id\":\"creativity-01\",\"output\":\"o\"}\n")
			.status()).isEqualTo(400);
		assertThat(
				signedIn.postForm("/studies/" + study + "/invites", Map.of("count", "1", "label", "a\u0000b")).status())
			.isEqualTo(400);
		assertThat(raters(study)).isZero();
		assertThat(signedIn.get("/eval-sets/" + evalSet + "?category=creativity").status()).isEqualTo(200);
	}

	@Test
	void theInvitesCsvDefusesLabelsThatASpreadsheetWouldRun() throws Exception {
		long study = this.fixture.createOpenStudy("csv injection", Map.of("open", false));
		WebSession signedIn = WebSession.signedInAdmin(this.port);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("count", "2");
		form.put("label", "=HYPERLINK(\"http://example.invalid\",\"click\")");
		form.put("format", "csv");
		Page csv = signedIn.postForm("/studies/" + study + "/invites", form);
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new StringReader(csv.body()))
			.getRecords();
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("label")).isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"click\")-01");
		assertThat(rows.get(1).get("label")).isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"click\")-02");
		assertThat(rows.get(0).get("url")).startsWith("http://localhost:" + this.port + "/r/");
	}

	@Test
	void everyFormulaStartIsDefusedEvenBehindBlanksAndNothingElseIsTouched() {
		for (String start : List.of("=", "+", "-", "@", "\t", "\r", " =", "\u00a0+", "\u3000-", "\n@", " \t\r\n=",
				"\uff1d", "\uff0b", "\uff0d", "\uff20", "\u3000\uff1d")) {
			assertThat(CsvCells.neutralise(start + "1+1")).isEqualTo("'" + start + "1+1");
			assertThat(CsvCells.restore("'" + start + "1+1")).isEqualTo(start + "1+1");
		}
		for (String safe : List.of("", "rater", "1-2", "a=b", " x=1", "'=already", "\u00a0")) {
			assertThat(CsvCells.neutralise(safe)).isEqualTo(safe);
			assertThat(CsvCells.restore(safe)).isEqualTo(safe.equals("'=already") ? "=already" : safe);
		}
	}

	private static String study(String name, String instructionsJson) {
		return "{\"name\":\"" + name + "\",\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\","
				+ "\"base-demo\"],\"categories\":[\"planning\"],\"instructions\":" + instructionsJson + "}";
	}

	private int raters(long study) {
		return this.jdbc.sql("select count(*) from rater where study_id = ?")
			.param(study)
			.query(Integer.class)
			.single();
	}

}
