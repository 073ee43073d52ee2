package dev.pairwise.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.StudyFixture;
import dev.pairwise.testsupport.WebSession.Page;
import org.junit.jupiter.api.BeforeEach;
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
 * What a rater is shown is what the models wrote, under blind conditions: line breaks
 * kept, empty answers shown as empty, no label naming the condition, attention checks
 * counted like any task, and a final page for every way the work ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WhatRatersSeeTests {

	private static final AtomicInteger SETS = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ASSIGNMENT = Pattern.compile("name=\"assignmentId\" value=\"(\\d+)\"");

	private static final String POEM = "Roses are red\nViolets are blue\n\n**Sugar** is sweet:\n- one\n- two";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	StudyFixture fixture;

	@BeforeEach
	void clients() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void aLoneLineBreakStaysALineBreakInThePromptTheExamplesAndTheResponses() {
		String set = smallSet(1, "Line one\nline two", "x");
		String token = this.fixture.token(study(set, Map.of()));
		String page = page(token).get("/r/" + token + "/task").body();
		assertThat(page).containsPattern("Roses are red<br />\\s*Violets are blue")
			.contains("<strong>Sugar</strong> is sweet:")
			.contains("<li>one</li>")
			.containsPattern("Example in<br />\\s*second line")
			.containsPattern("Line one<br />\\s*line two");
	}

	@Test
	void thePromptHasARawTextViewWithExactlyWhatWasWritten() {
		String set = smallSet(1, "answer", "other answer");
		String token = this.fixture.token(study(set, Map.of()));
		String page = page(token).get("/r/" + token + "/task").body();
		assertThat(page).contains("<pre class=\"raw\" data-raw hidden>" + POEM + "</pre>");
	}

	@Test
	void anEmptyOutputIsImportedCountedAndShownAsAnEmptyResponseWhoseRawTextIsEmpty() {
		String set = smallSet(1, "", "  \n ");
		long study = study(set, Map.of());
		assertThat(this.admin.get("/api/studies/" + study + "/progress").json().path("needed").asInt()).isEqualTo(1);
		String token = this.fixture.token(study);
		String page = page(token).get("/r/" + token + "/task").body();
		assertThat(page).contains("<p class=\"empty-response\" data-rendered>(empty response)</p>")
			.contains("<pre class=\"raw\" data-raw hidden></pre>")
			.contains("<pre class=\"raw\" data-raw hidden>  \n </pre>");
		assertThat(countOf(page, "(empty response)")).isEqualTo(2);
	}

	@Test
	void anAttentionCheckNeverTakesAnEmptyOutputAsItsRightAnswer() {
		String set = smallSet(4, "", "A real answer, long enough to be cut short.");
		long study = study(set, Map.of("attentionCheckRate", 0.5));
		assertThat(this.jdbc.sql("""
				select count(*) from task t join output o on o.item_id = t.item_id
				  and o.model_id = case when t.attention_good_side = 'a' then t.model_a_id else t.model_b_id end
				where t.study_id = ? and t.attention_kind is not null and o.text <> ''""")
			.param(study)
			.query(Integer.class)
			.single()).isEqualTo(4);
	}

	@Test
	void theSettingIsHiddenFromRatersUnlessTheStudyShowsIt() {
		String set = smallSet(1, "a", "b");
		String blind = this.fixture.token(study(set, Map.of()));
		assertThat(page(blind).get("/r/" + blind + "/task").body()).doesNotContain("chip setting")
			.doesNotContain(">few-shot<")
			.contains("Context: 1 examples shown with this prompt");
		assertThat(
				HttpTestClient.anonymous(this.port).get("/api/rate/" + blind + "/next").json().path("setting").isNull())
			.isTrue();
		long shown = study(set, Map.of("showSetting", true));
		assertThat(this.admin.get("/api/studies/" + shown).json().path("showSetting").asBoolean()).isTrue();
		String open = this.fixture.token(shown);
		assertThat(page(open).get("/r/" + open + "/task").body())
			.contains("<span class=\"chip setting\">few-shot</span>");
	}

	@Test
	void aGradedStudyShowsItsStrengthKeysInTheHints() {
		String graded = this.fixture.token(this.fixture.createOpenStudy("graded keys", Map.of("scale", "graded")));
		assertThat(page(graded).get("/r/" + graded + "/task").body())
			.contains("Q / W / E slightly, clearly or much better");
		String plain = this.fixture.token(this.fixture.createOpenStudy("plain keys", Map.of()));
		assertThat(page(plain).get("/r/" + plain + "/task").body()).doesNotContain("Q / W / E");
	}

	@Test
	void aQuotaBoundsEveryTaskServedAttentionChecksIncludedAndEachAnswerAdvancesTheCounter() {
		long study = this.fixture.createOpenStudy("quota with checks", Map.of("attentionCheckRate", 0.5));
		String token = this.fixture.invite(study, 1, 20).get(0);
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		int served = 0;
		for (Response next = rater.get("/api/rate/" + token + "/next"); next.status() == 200; next = rater
			.get("/api/rate/" + token + "/next")) {
			assertThat(next.json().path("progress").path("done").asInt()).isEqualTo(served);
			assertThat(next.json().path("progress").path("target").asInt()).isEqualTo(20);
			rater.postJson("/api/rate/" + token + "/judgments",
					Map.of("assignmentId", next.json().path("assignmentId").asLong(), "choice", "1"));
			served++;
			assertThat(served).as("served no more than the quota").isLessThanOrEqualTo(20);
		}
		assertThat(served).isEqualTo(20);
		assertThat(this.jdbc.sql("select count(*) from judgment where study_id = ? and attention = true")
			.param(study)
			.query(Integer.class)
			.single()).as("checks were among them").isPositive();
		String done = page(token).get("/r/" + token + "/task").body();
		assertThat(done).contains(">20 / 20<").contains("You have reached the number of judgments");
	}

	@Test
	void whenOtherRatersFinishThePoolTheTargetStaysAndTheEndPageSaysWhy() {
		String set = smallSet(3, "a", "b");
		long study = study(set, Map.of());
		List<String> tokens = this.fixture.invite(study, 2, null);
		WebSession first = page(tokens.get(0));
		String page = first.get("/r/" + tokens.get(0) + "/task").body();
		assertThat(page).contains(">0 / 3<");
		HttpTestClient other = HttpTestClient.anonymous(this.port);
		// Answered without asking for the next task, so the first rater holds none while
		// the other finishes the pool.
		assertThat(other
			.postJson("/api/rate/" + tokens.get(0) + "/judgments",
					Map.of("assignmentId", Long.parseLong(assignmentOf(page)), "choice", "1"))
			.status()).isEqualTo(201);
		for (int i = 0; i < 2; i++) {
			JsonNode next = other.get("/api/rate/" + tokens.get(1) + "/next").json();
			other.postJson("/api/rate/" + tokens.get(1) + "/judgments",
					Map.of("assignmentId", next.path("assignmentId").asLong(), "choice", "2"));
		}
		String end = first.get("/r/" + tokens.get(0) + "/task").body();
		assertThat(end).contains(">1 / 3<")
			.contains("Other raters completed the remaining tasks before you reached 3")
			.doesNotContain("/task\"");
	}

	@Test
	void closedDraftExhaustedAndQuotaReachedEachGetOneFinalPageWithoutAWayIntoTasks() {
		long closed = this.fixture.createOpenStudy("closed", Map.of());
		String closedToken = this.fixture.token(closed);
		this.admin.post("/api/studies/" + closed + "/close", "application/json", "");
		assertFinal(closedToken, "This study is closed");

		long draft = this.fixture.createOpenStudy("draft", Map.of("open", false));
		assertFinal(this.fixture.token(draft), "This study has not opened yet");

		long quota = this.fixture.createOpenStudy("quota", Map.of());
		String quotaToken = this.fixture.invite(quota, 1, 1).get(0);
		WebSession rater = page(quotaToken);
		answer(rater, quotaToken, rater.get("/r/" + quotaToken + "/task").body());
		assertFinal(quotaToken, "You have reached the number of judgments this study asks of you.");

		String set = smallSet(1, "a", "b");
		String exhausted = this.fixture.token(study(set, Map.of()));
		WebSession alone = page(exhausted);
		answer(alone, exhausted, alone.get("/r/" + exhausted + "/task").body());
		assertFinal(exhausted, "Thank you!");
	}

	@Test
	void afterSubmitSkipAndReportTheNextTaskConfirmsWhatHappened() {
		long study = this.fixture.createOpenStudy("confirmations", Map.of());
		String token = this.fixture.token(study);
		WebSession rater = page(token);
		String task = rater.get("/r/" + token + "/task").body();
		assertThat(task).doesNotContain("data-toast");
		Page saved = rater.postForm("/r/" + token + "/task", Map.of("assignmentId", assignmentOf(task), "choice", "1"));
		// The next task comes as the answer's response: one request per judgment.
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.header("Cache-Control")).contains("no-store");
		String next = saved.body();
		assertThat(next).contains("Answer saved.");
		assertThat(assignmentOf(next)).isNotEqualTo(assignmentOf(task));
		Page skipped = rater.postForm("/r/" + token + "/skip", Map.of("assignmentId", assignmentOf(next)));
		String afterSkip = follow(rater, skipped).body();
		assertThat(afterSkip).contains("Task skipped.");
		Page flagged = rater.postForm("/r/" + token + "/flag",
				Map.of("assignmentId", assignmentOf(afterSkip), "note", "cut off"));
		assertThat(follow(rater, flagged).body()).contains("Problem reported; the task was skipped.");
		assertThat(rater.get("/r/" + token + "/task").header("Cache-Control")).contains("no-store");
	}

	@Test
	void whereTheStudyAllowsItARaterReopensAnEarlierAnswerAndChangesItWithAnAuditTrail() {
		long study = this.fixture.createOpenStudy("editable", Map.of("allowEdit", true));
		String token = this.fixture.token(study);
		WebSession rater = page(token);
		String task = rater.get("/r/" + token + "/task").body();
		String assignment = assignmentOf(task);
		answer(rater, token, task);
		String list = rater.get("/r/" + token + "/judgments").body();
		assertThat(list).contains("/r/" + token + "/judgments/" + assignment).contains("Response 1 is better");
		String edit = rater.get("/r/" + token + "/judgments/" + assignment).body();
		assertThat(edit).containsPattern("value=\"1\"[^>]*checked").contains("Save the change");
		Page saved = rater.postForm("/r/" + token + "/judgments/" + assignment,
				Map.of("choice", "tie", "reason", "on reflection"));
		assertThat(follow(rater, saved).body()).contains("Your answer was changed.");
		assertThat(this.jdbc.sql("select winner, reason from judgment where assignment_id = ?")
			.param(Long.parseLong(assignment))
			.query()
			.singleRow()).containsEntry("WINNER", "tie").containsEntry("REASON", "on reflection");
		assertThat(this.jdbc.sql("""
				select e.previous_winner from judgment_edit e join judgment j on j.id = e.judgment_id
				where j.assignment_id = ?""").param(Long.parseLong(assignment)).query(String.class).list()).hasSize(1);

		long fixed = this.fixture.createOpenStudy("final answers", Map.of());
		String fixedToken = this.fixture.token(fixed);
		assertThat(page(fixedToken).get("/r/" + fixedToken + "/judgments").status()).isEqualTo(404);
	}

	@Test
	void aReportedProblemKeepsWhichModelWasWhichAndTheAdminCanOpenTheTask() {
		String set = smallSet(1, "Complete answer from alpha", "Cut off answer from be");
		long study = study(set, Map.of("ratingsPerTask", 2));
		List<String> tokens = this.fixture.invite(study, 2, null);
		WebSession judge = page(tokens.get(0));
		String judged = judge.get("/r/" + tokens.get(0) + "/task").body();
		judge.postForm("/r/" + tokens.get(0) + "/task",
				Map.of("assignmentId", assignmentOf(judged), "choice", "1", "reason", "the first is complete"));
		WebSession flagger = page(tokens.get(1));
		String flagged = flagger.get("/r/" + tokens.get(1) + "/task").body();
		flagger.postForm("/r/" + tokens.get(1) + "/flag",
				Map.of("assignmentId", assignmentOf(flagged), "note", "Response 2 is cut off"));
		Map<String, Object> flag = this.jdbc.sql("""
				select l.name as response1, r.name as response2, a.left_is_a, f.task_id from task_flag f
				join model l on l.id = f.left_model_id join model r on r.id = f.right_model_id
				join assignment a on a.task_id = f.task_id and a.rater_id = f.rater_id where f.study_id = ?""")
			.param(study)
			.query()
			.singleRow();
		boolean leftIsA = (Boolean) flag.get("LEFT_IS_A");
		assertThat(flag).containsEntry("RESPONSE1", leftIsA ? set + "-alpha" : set + "-beta")
			.containsEntry("RESPONSE2", leftIsA ? set + "-beta" : set + "-alpha");

		WebSession signedIn = WebSession.signedInAdmin(this.port);
		String taskPath = "/studies/" + study + "/tasks/" + flag.get("TASK_ID");
		assertThat(signedIn.get("/studies/" + study + "/progress").body()).contains("href=\"" + taskPath + "\"");
		Page review = signedIn.get(taskPath);
		assertThat(review.status()).isEqualTo(200);
		assertThat(review.body()).containsPattern("Roses are red<br />\\s*Violets are blue")
			.contains("Complete answer from alpha")
			.contains("Cut off answer from be")
			.contains(set + "-alpha")
			.contains(set + "-beta")
			.contains("the first is complete")
			.contains("Response 2 is cut off");
	}

	private void assertFinal(String token, String text) {
		String page = page(token).get("/r/" + token).body();
		assertThat(page).contains(text)
			.doesNotContain("Start rating")
			.doesNotContain("Continue rating")
			.doesNotContain("href=\"/r/" + token + "/task\"");
		String task = page(token).get("/r/" + token + "/task").body();
		assertThat(task).contains(text).doesNotContain("href=\"/r/" + token + "/task\"");
	}

	/**
	 * Answers the task: the response is the next task, or a redirect to the end when none
	 * is left.
	 */
	private void answer(WebSession rater, String token, String taskPage) {
		Page answered = rater.postForm("/r/" + token + "/task",
				Map.of("assignmentId", assignmentOf(taskPage), "choice", "1"));
		if (answered.status() == 200) {
			assertThat(answered.body()).contains("Answer saved.");
			assertThat(assignmentOf(answered.body())).isNotEqualTo(assignmentOf(taskPage));
		}
		else {
			assertThat(answered.status()).as(answered.body()).isEqualTo(302);
		}
	}

	/**
	 * A few-shot eval set of {@code items} copies of the poem, and two models,
	 * {@code <set>-alpha} and {@code <set>-beta}, answering each with the given text.
	 */
	private String smallSet(int items, String alpha, String beta) {
		String name = "seen-" + SETS.incrementAndGet();
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= items; i++) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", "p" + i);
			item.put("category", "creativity");
			item.put("setting", "few-shot");
			item.put("prompt", POEM);
			item.put("exemplars", List.of(Map.of("input", "Example in\nsecond line", "output", "Example out")));
			lines.append(JSON.writeValueAsString(item)).append('\n');
		}
		Response created = this.admin.postJsonl("/api/eval-sets?name=" + name + "&version=1", lines.toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		for (Map.Entry<String, String> output : Map.of("alpha", alpha, "beta", beta).entrySet()) {
			List<String> outputs = new ArrayList<>();
			for (int i = 1; i <= items; i++) {
				outputs.add(JSON.writeValueAsString(Map.of("item_id", "p" + i, "output", output.getValue())));
			}
			Response imported = this.admin.postJsonl(
					"/api/eval-sets/" + name + "/outputs?model=" + name + "-" + output.getKey(),
					String.join("\n", outputs) + "\n");
			assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		}
		return name;
	}

	private long study(String set, Map<String, Object> overrides) {
		Map<String, Object> study = new LinkedHashMap<>();
		study.put("evalSet", set);
		study.put("models", List.of(set + "-alpha", set + "-beta"));
		study.put("ratingsPerTask", 1);
		study.put("attentionCheckRate", 0.0);
		study.putAll(overrides);
		return this.fixture.createOpenStudy(set + " study " + SETS.incrementAndGet(), study);
	}

	/** Follows a redirect as a browser does. */
	private static Page follow(WebSession session, Page redirect) {
		assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
		java.net.URI location = java.net.URI.create(redirect.location());
		return session
			.get(location.getRawPath() + ((location.getRawQuery() != null) ? "?" + location.getRawQuery() : ""));
	}

	private WebSession page(String token) {
		return WebSession.anonymous(this.port).fetchCsrfToken();
	}

	private static String assignmentOf(String html) {
		Matcher matcher = ASSIGNMENT.matcher(html);
		assertThat(matcher.find()).as("the page holds an assignment").isTrue();
		return matcher.group(1);
	}

	private static int countOf(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
