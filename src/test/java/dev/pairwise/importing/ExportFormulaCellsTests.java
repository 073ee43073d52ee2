package dev.pairwise.importing;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.WebSession;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything that reaches an export from outside (eval set, study name, rater label,
 * raters' reasons) can start like a spreadsheet formula. Rated through the real rater
 * API, every such cell of judgments.csv and results.csv comes out with a leading
 * apostrophe, and nothing else is changed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExportFormulaCellsTests {

	private static final List<String> REASONS = List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tindented", "\rreturn",
			"plain, with a comma");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyFormulaLikeCellOfTheExportsIsDefused() throws IOException {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StringBuilder items = new StringBuilder();
		StringBuilder outputsA = new StringBuilder();
		StringBuilder outputsB = new StringBuilder();
		for (int i = 0; i < REASONS.size(); i++) {
			items.append("{\"id\":\"=item")
				.append(i)
				.append("\",\"category\":\"+cat\",\"setting\":\"zero-shot\",")
				.append("\"prompt\":\"p")
				.append(i)
				.append("\"}\n");
			outputsA.append("{\"item_id\":\"=item").append(i).append("\",\"output\":\"a\"}\n");
			outputsB.append("{\"item_id\":\"=item").append(i).append("\",\"output\":\"b\"}\n");
		}
		assertThat(admin.postJsonl("/api/eval-sets?name=formulas&version=1", items.toString()).status()).isEqualTo(201);
		assertThat(admin.postJsonl("/api/eval-sets/formulas/outputs?model=alpha", outputsA.toString()).status())
			.isEqualTo(201);
		assertThat(admin.postJsonl("/api/eval-sets/formulas/outputs?model=beta", outputsB.toString()).status())
			.isEqualTo(201);
		Response created = admin.postJson("/api/studies", Map.of("name", "=SUM(A1:A9)", "evalSet", "formulas", "models",
				List.of("alpha", "beta"), "ratingsPerTask", 1));
		long study = created.json().path("id").asLong();
		admin.post("/api/studies/" + study + "/open", "application/json", "");
		String url = admin.postJson("/api/studies/" + study + "/invites", Map.of("count", 1, "label", "@rater"))
			.json()
			.path(0)
			.path("url")
			.asString();
		String token = url.substring(url.lastIndexOf('/') + 1);

		WebSession rater = WebSession.anonymous(this.port);
		for (String reason : REASONS) {
			String assignment = rater.get("/api/rate/" + token + "/next")
				.body()
				.replaceAll("(?s).*\"assignmentId\":(\\d+).*", "$1");
			String json = "{\"assignmentId\":" + assignment + ",\"choice\":\"1\",\"reason\":\""
					+ reason.replace("\t", "\\t").replace("\r", "\\r") + "\"}";
			assertThat(rater.post("/api/rate/" + token + "/judgments", "application/json", json).status())
				.isEqualTo(201);
		}

		List<CSVRecord> judgments = csv(admin.get("/api/studies/" + study + "/judgments.csv").body());
		assertThat(judgments).hasSize(REASONS.size());
		assertThat(judgments).extracting((row) -> row.get("reason"))
			// A rater's reason is stored stripped, so its leading tab and return are
			// gone.
			.containsExactlyInAnyOrder("'=1+1", "'+1", "'-1", "'@SUM(A1)", "indented", "return", "plain, with a comma");
		for (CSVRecord row : judgments) {
			assertThat(row.get("study")).isEqualTo("'=SUM(A1:A9)");
			assertThat(row.get("judge")).isEqualTo("'@rater");
			assertThat(row.get("item_id")).startsWith("'=item");
			assertThat(row.get("category")).isEqualTo("'+cat");
			// model_a is the model the rater saw as Response 1, so either of the two.
			assertThat(List.of(row.get("model_a"), row.get("model_b"))).containsExactlyInAnyOrder("alpha", "beta");
		}
		List<CSVRecord> results = csv(admin.get("/api/studies/" + study + "/results.csv").body());
		assertThat(results).isNotEmpty();
		for (CSVRecord row : results) {
			for (String cell : row.toList()) {
				assertThat(cell).as(row.toString()).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
			}
		}
		assertThat(results).anySatisfy((row) -> assertThat(row.toList()).contains("'+cat"));
	}

	@Test
	void modelNamesAndCellsWithAFormulaBehindBlanksOrInFullWidthAreDefusedInEveryExport() throws IOException {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		assertThat(admin
			.postJsonl("/api/eval-sets?name=hidden-formulas&version=1",
					"{\"id\":\"i1\",\"category\":\"\u3000=cat\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n")
			.status()).isEqualTo(201);
		for (String model : List.of("gamma", "delta")) {
			assertThat(admin
				.postJsonl("/api/eval-sets/hidden-formulas/outputs?model=" + model,
						"{\"item_id\":\"i1\",\"output\":\"o\"}\n")
				.status()).isEqualTo(201);
		}
		// Names a database may hold from before model names were checked on every path.
		this.jdbc.sql("update model set name = ? where name = ?").params("=cmd|' /C calc'!A0", "gamma").update();
		this.jdbc.sql("update model set name = ? where name = ?").params(" -2+3", "delta").update();
		long study = admin.postJson("/api/studies", Map.of("name", "\u00a0=SUM(A1:A9)", "evalSet", "hidden-formulas",
				"models", List.of("=cmd|' /C calc'!A0", " -2+3"), "ratingsPerTask", 1))
			.json()
			.path("id")
			.asLong();
		admin.post("/api/studies/" + study + "/open", "application/json", "");
		Response invite = admin.postJson("/api/studies/" + study + "/invites",
				Map.of("count", 1, "label", "\uff20rater"));
		String url = invite.json().path(0).path("url").asString();
		String token = url.substring(url.lastIndexOf('/') + 1);
		WebSession rater = WebSession.anonymous(this.port);
		String assignment = rater.get("/api/rate/" + token + "/next")
			.body()
			.replaceAll("(?s).*\"assignmentId\":(\\d+).*", "$1");
		assertThat(rater
			.post("/api/rate/" + token + "/judgments", "application/json",
					"{\"assignmentId\":" + assignment + ",\"choice\":\"1\",\"reason\":\"\u00a0\uff0b1\"}")
			.status()).isEqualTo(201);

		CSVRecord judgment = csv(admin.get("/api/studies/" + study + "/judgments.csv").body()).get(0);
		assertThat(judgment.get("study")).isEqualTo("'\u00a0=SUM(A1:A9)");
		assertThat(judgment.get("category")).isEqualTo("'\u3000=cat");
		assertThat(judgment.get("judge")).isEqualTo("'\uff20rater");
		// A reason is stored stripped of white space, which a no-break space is not.
		assertThat(judgment.get("reason")).isEqualTo("'\u00a0\uff0b1");
		assertThat(List.of(judgment.get("model_a"), judgment.get("model_b")))
			.containsExactlyInAnyOrder("'=cmd|' /C calc'!A0", "' -2+3");
		for (CSVRecord row : csv(admin.get("/api/studies/" + study + "/results.csv").body())) {
			assertThat(row.get("study")).isEqualTo("'\u00a0=SUM(A1:A9)");
			assertThat(List.of(row.get("focal_model"), row.get("other_model")))
				.containsExactlyInAnyOrder("'=cmd|' /C calc'!A0", "' -2+3");
		}
	}

	private static List<CSVRecord> csv(String text) throws IOException {
		return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(text)).getRecords();
	}

}
