package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task browser through the real app: a study of 60 tasks (creativity zero-shot,
 * planning zero-shot and chain of thought) judged by two raters through the rater API,
 * who disagree on 8 tasks and report a problem on 2, and the exact rows each filter and
 * each page gives; the task page it links to shows what raters saw.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskBrowserTests {

	private static final Pattern TASK_ROW = Pattern.compile("data-task=\"(\\d+)\"");

	private static final Pattern NEXT = Pattern.compile("<a[^>]*data-next[^>]*href=\"([^\"]+)\"");

	/** Planning items the second rater decides for model B, creativity items a tie. */
	private static final Set<String> SECOND_RATER_B = Set.of("planning-01", "planning-02", "planning-03", "planning-04",
			"planning-05");

	private static final Set<String> SECOND_RATER_TIE = Set.of("creativity-01", "creativity-02", "creativity-03");

	private static final Set<String> SECOND_RATER_FLAGS = Set.of("creativity-20", "planning-20-cot");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	long study;

	@BeforeAll
	void ratedStudy() {
		this.admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(this.admin);
		this.study = fixture.createOpenStudy(StudyFixture.uniqueName("browser"), Map.of("ratingsPerTask", 2,
				"categories", List.of("creativity", "planning"), "settings", List.of("zero-shot", "zero-shot-cot")));
		List<String> tokens = fixture.invite(this.study, 2, null);
		rateAll(tokens.get(0), 1, (item) -> "a");
		rateAll(tokens.get(1), 2, (item) -> SECOND_RATER_B.contains(item) ? "b"
				: SECOND_RATER_TIE.contains(item) ? "tie" : SECOND_RATER_FLAGS.contains(item) ? "flag" : "a");
	}

	@Test
	void eachFilterListsExactlyItsTasks() {
		assertThat(rows("size=100")).hasSize(60);
		assertThat(rows("category=creativity&size=100")).hasSize(20);
		assertThat(rows("setting=zero-shot-cot&size=100")).hasSize(20);
		assertThat(rows("category=planning&setting=zero-shot&size=100")).hasSize(20);
		assertThat(rows("agreement=disagree&size=100")).hasSize(8);
		assertThat(rows("agreement=disagree&category=planning&size=100")).hasSize(5);
		assertThat(rows("agreement=agree&size=100")).hasSize(50);
		assertThat(rows("flagged=true&size=100")).hasSize(2);
		assertThat(rows("flagged=true&agreement=disagree&size=100")).isEmpty();
		assertThat(rows("item=planning-03")).hasSize(1);
		assertThat(rows("item=planning-03&agreement=agree")).isEmpty();

		String disputed = page("agreement=disagree&category=planning").body();
		assertThat(disputed).contains(">planning-01<", ">planning-05<", ">2 / 2<").doesNotContain(">planning-06<");
		String flagged = page("flagged=true").body();
		assertThat(flagged).contains(">creativity-20<", ">planning-20-cot<");
	}

	@Test
	void pagesFollowOneAnotherWithoutLoadingTheRest() {
		Set<String> seen = new LinkedHashSet<>();
		List<Integer> sizes = new ArrayList<>();
		String query = "size=25";
		Response page = page(query);
		while (true) {
			List<String> ids = ids(page.body());
			sizes.add(ids.size());
			seen.addAll(ids);
			Matcher next = NEXT.matcher(page.body());
			if (!next.find()) {
				break;
			}
			page = this.admin.get(next.group(1).replace("&amp;", "&"));
		}
		assertThat(sizes).containsExactly(25, 25, 10);
		assertThat(seen).hasSize(60);
	}

	@Test
	void badFiltersAreRefused() {
		assertThat(page("agreement=sometimes").status()).isEqualTo(400);
		assertThat(page("size=0").status()).isEqualTo(400);
		assertThat(this.admin.get("/studies/999999/tasks").status()).isEqualTo(404);
	}

	@Test
	void aListedTaskOpensWithTheJudgmentsReasonsAndFlagsRatersGave() {
		long task = Long.parseLong(ids(page("flagged=true&category=creativity").body()).get(0));
		Response review = this.admin.get("/studies/" + this.study + "/tasks/" + task);
		assertThat(review.status()).isEqualTo(200);
		assertThat(review.body()).contains("creativity-20", "broken here", "reason of rater 1",
				"instruction-tuned-demo", "base-demo", "class=\"responses\"");
	}

	@Test
	void theTaskPageRendersOutputsAsRatersSawThem() {
		StudyFixture fixture = new StudyFixture(this.admin);
		String set = fixture.evalSet("review", Map.of("q1", new String[] { "poems", "zero-shot" }));
		fixture.outputs(set, "poet-" + set, Map.of("q1", "Roses are red,\nviolets are *blue*"));
		fixture.outputs(set, "silent-" + set, Map.of("q1", ""));
		long study = fixture.study(set, List.of("poet-" + set, "silent-" + set));
		long task = this.jdbc.sql("select id from task where study_id = ?").param(study).query(Long.class).single();
		String review = this.admin.get("/studies/" + study + "/tasks/" + task).body();
		// A single line break stays a line break, Markdown is rendered, an empty output
		// shows the placeholder.
		assertThat(review).contains("Roses are red,<br />", "<em>blue</em>", "class=\"empty-response\"");
	}

	@Test
	void theProgressAndResultsPagesLinkIntoTheBrowser() {
		String progress = this.admin.get("/studies/" + this.study + "/progress").body();
		assertThat(progress).contains("/studies/" + this.study + "/tasks?flagged=true")
			.contains("href=\"/studies/" + this.study + "/tasks\"");
		String results = this.admin.get("/studies/" + this.study + "/results").body();
		assertThat(results).contains("/studies/" + this.study + "/tasks?item=planning-01");
	}

	private List<String> rows(String query) {
		Response page = page(query);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return ids(page.body());
	}

	private Response page(String query) {
		return this.admin.get("/studies/" + this.study + "/tasks?" + query);
	}

	private static List<String> ids(String html) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = TASK_ROW.matcher(html);
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	/**
	 * Answers (or flags) every task the rater is given: "a" or "b" prefers that model of
	 * the task, "tie" ties, "flag" reports a problem.
	 */
	private void rateAll(String token, int number, Function<String, String> answer) {
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		while (true) {
			Response next = rater.get("/api/rate/" + token + "/next");
			if (next.status() == 204) {
				return;
			}
			long assignment = next.json().path("assignmentId").asLong();
			Map<String, Object> row = this.jdbc.sql("""
					select a.left_is_a, i.item_key, t.attention_kind from assignment a join task t on t.id = a.task_id
					join item i on i.id = t.item_id where a.id = ?""").param(assignment).query().singleRow();
			String item = (String) row.get("item_key");
			String wanted = (row.get("attention_kind") != null) ? "a" : answer.apply(item);
			boolean leftIsA = (Boolean) row.get("left_is_a");
			Response done;
			if (wanted.equals("flag")) {
				done = rater.postJson("/api/rate/" + token + "/flag",
						Map.of("assignmentId", assignment, "note", "broken here"));
			}
			else {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("assignmentId", assignment);
				body.put("choice", wanted.equals("tie") ? "tie" : ((wanted.equals("a") == leftIsA) ? "1" : "2"));
				body.put("reason", "reason of rater " + number);
				done = rater.postJson("/api/rate/" + token + "/judgments", body);
			}
			assertThat(done.status()).as(done.body()).isIn(200, 201);
		}
	}

}
