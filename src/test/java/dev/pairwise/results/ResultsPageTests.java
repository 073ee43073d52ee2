package dev.pairwise.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The results page and its SVG figure over real HTTP, as an admin. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ResultsPageTests {

	@LocalServerPort
	int port;

	HttpTestClient admin;

	StudyFixture fixture;

	String evalSet;

	@BeforeEach
	void evalSet() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		items.put("p1", new String[] { "planning", "zero-shot" });
		items.put("p2", new String[] { "planning", "few-shot" });
		items.put("c1", new String[] { "<b>bold</b> & co", "zero-shot" });
		this.evalSet = this.fixture.evalSet("page", items);
		for (String model : List.of("flan", "base")) {
			this.fixture.outputs(this.evalSet, model,
					Map.of("p1", model + " one", "p2", model + " two", "c1", model + " three"));
		}
	}

	@Test
	void thePageShowsTheFigureFirstThenTheTablesAndTheDisputedTasks() {
		long study = studyWithJudgments();
		Response page = this.admin.get("/studies/" + study + "/results");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		String html = page.body();
		int figure = html.indexOf("<svg");
		assertThat(figure).isPositive().isLessThan(html.indexOf("<table"));
		assertThat(html).contains("stroke-dasharray", "n = 5", "Win rate of flan against base (ties count half)")
			.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co")
			.doesNotContain("<b>bold</b>")
			.contains("Most-disputed tasks", "A reason with <angle> brackets".replace("<", "&lt;").replace(">", "&gt;"))
			.contains("/api/studies/" + study + "/judgments.csv", "/studies/" + study + "/results.svg?ties=half")
			.doesNotContain("id=\"all-raters\"");
		assertThat(html.replaceAll("<script src=\"/js/[a-z-]+\\.js\" defer></script>", ""))
			.as("no script but the site's own files")
			.doesNotContain("<script");
	}

	@Test
	void ratersAreListedWithTheNumbersInTheirLabelsInOrder() {
		long study = this.fixture.study(this.evalSet, List.of("flan", "base"));
		StringBuilder jsonl = new StringBuilder();
		for (String judge : List.of("r10", "r2", "r1", "r11", "r3")) {
			jsonl.append(StudyFixture
				.line(Map.of("item_id", "p1", "model_a", "flan", "model_b", "base", "winner", "tie", "judge", judge)));
		}
		assertThat(this.fixture.importJsonl(study, "panel", jsonl.toString()).status()).isEqualTo(201);

		String html = this.admin.get("/studies/" + study + "/results").body();
		String raters = html.substring(html.indexOf("id=\"raters\""));
		List<Integer> positions = List.of("r1", "r2", "r3", "r10", "r11")
			.stream()
			.map((judge) -> raters.indexOf("<td>" + judge + "</td>"))
			.toList();
		assertThat(positions).doesNotContain(-1).isSorted();
		assertThat(raters.substring(0, raters.indexOf("</table>"))).as("no left/right order was imported")
			.doesNotContain("(p ");
	}

	@Test
	void aLongListOfRatersIsFoldedUnderTheFlaggedOnes() {
		long study = this.fixture.study(this.evalSet, List.of("flan", "base"));
		StringBuilder jsonl = new StringBuilder();
		for (int judge = 1; judge <= 30; judge++) {
			for (String item : List.of("p1", "p2", "c1")) {
				jsonl.append(StudyFixture.line(Map.of("item_id", item, "model_a", "flan", "model_b", "base", "winner",
						"model_a", "judge", "judge-%02d".formatted(judge))));
			}
		}
		assertThat(this.fixture.importJsonl(study, "crowd", jsonl.toString()).status()).isEqualTo(201);

		String html = this.admin.get("/studies/" + study + "/results").body();
		String raters = html.substring(html.indexOf("id=\"raters\""));
		assertThat(raters).contains("Flagged: 0 of 30 raters.", "<summary>All 30 raters</summary>");
		assertThat(raters.substring(raters.indexOf("id=\"all-raters\""))).contains("judge-01", "judge-30");
		assertThat(raters.substring(0, raters.indexOf("id=\"all-raters\""))).doesNotContain("judge-01");
	}

	@Test
	void theFigureDownloadsAsAStandaloneSvg() {
		long study = studyWithJudgments();
		Response svg = this.admin.get("/studies/" + study + "/results.svg?ties=exclude");
		assertThat(svg.status()).isEqualTo(200);
		assertThat(svg.contentType()).startsWith("image/svg+xml");
		assertThat(svg.body())
			.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.contains("(ties excluded)", "By category", "By setting", "Overall")
			.doesNotContain("<script", "<style");
	}

	@Test
	void aStudyWithoutJudgmentsShowsAFriendlyEmptyState() {
		long study = this.fixture.study(this.evalSet, List.of("flan", "base"));
		Response page = this.admin.get("/studies/" + study + "/results");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("No judgments yet.").doesNotContain("<svg");
		assertThat(this.admin.get("/studies/" + study + "/results.svg").body()).contains("no judgments");
	}

	@Test
	void onlyTheAdminSeesResults() {
		long study = this.fixture.study(this.evalSet, List.of("flan", "base"));
		Response anonymous = HttpTestClient.anonymous(this.port).get("/studies/" + study + "/results");
		assertThat(anonymous.status()).isIn(302, 401);
		assertThat(this.admin.get("/studies/999999/results").status()).isEqualTo(404);
	}

	private long studyWithJudgments() {
		long study = this.fixture.study(this.evalSet, List.of("flan", "base"));
		StringBuilder jsonl = new StringBuilder();
		String[] winners = { "model_a", "model_b", "tie", "model_a", "both-bad" };
		for (int judge = 0; judge < 5; judge++) {
			for (String item : List.of("p1", "p2", "c1")) {
				jsonl.append(StudyFixture.line(Map.of("item_id", item, "model_a", "flan", "model_b", "base", "winner",
						winners[(judge + item.length() + item.charAt(1)) % winners.length], "judge", "r" + judge,
						"left", (judge % 2 == 0) ? "model_a" : "model_b", "reason", "A reason with <angle> brackets")));
			}
		}
		assertThat(this.fixture.importJsonl(study, "panel", jsonl.toString()).status()).isEqualTo(201);
		return study;
	}

}
