package dev.pairwise.rating;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The rater's pages over real HTTP, as a browser without JavaScript would use them. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RaterPageTests {

	private static final Pattern ASSIGNMENT = Pattern.compile("name=\"assignmentId\" value=\"(\\d+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpClient browser;

	String token;

	@BeforeEach
	void invite() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		this.token = fixture.token(fixture.createOpenStudy("pages", Map.of("instructions", "Judge **carefully**.")));
		this.browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
	}

	@Test
	void welcomePageShowsTheInstructionsAsMarkdown() throws Exception {
		HttpResponse<String> page = get("/r/" + this.token, "en");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Judge <strong>carefully</strong>.")
			.contains("Start rating")
			.contains("/js/rate.js");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
		assertThat(page.headers().firstValue("Referrer-Policy").orElse("")).isEqualTo("no-referrer");
	}

	@Test
	void theBrowsersLanguageOrTheLangParameterChoosesChinese() throws Exception {
		assertThat(get("/r/" + this.token, "zh-CN,zh;q=0.9").body()).contains("感谢你参与这项评测").contains("lang=\"zh-CN\"");
		assertThat(get("/r/" + this.token, "zh").body()).contains("开始评测");
		assertThat(get("/r/" + this.token + "?lang=zh-CN", "en").body()).contains("感谢你参与这项评测");
		assertThat(get("/r/" + this.token + "/task?lang=zh-CN", "en").body()).contains("哪个回答更好？")
			.contains("回答 1")
			.contains("两者都差");
	}

	@Test
	void aFormAnswerIsRecordedAndTheNextTaskFollows() throws Exception {
		HttpResponse<String> task = get("/r/" + this.token + "/task", "en");
		assertThat(task.body()).contains("Response 1").contains("Response 2").contains("Which response is better?");
		String assignment = assignmentOf(task.body());
		HttpResponse<String> next = post("/r/" + this.token + "/task",
				"assignmentId=" + assignment + "&choice=both-bad&fail1=true&fail2=true&elapsedMs=5300&reason=");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(assignmentOf(next.body())).isNotEqualTo(assignment);
		assertThat(next.body()).contains("1 / 190");
		Map<String, Object> stored = this.jdbc
			.sql("select winner, fail_a, fail_b, elapsed_ms, reason from judgment where assignment_id = ?")
			.param(Long.parseLong(assignment))
			.query()
			.singleRow();
		assertThat(stored).containsEntry("WINNER", "both-bad")
			.containsEntry("FAIL_A", true)
			.containsEntry("FAIL_B", true)
			.containsEntry("ELAPSED_MS", 5300L)
			.containsEntry("REASON", null);
	}

	@Test
	void anAnswerWithoutAChoiceShowsTheSameTaskWithAMessage() throws Exception {
		String assignment = assignmentOf(get("/r/" + this.token + "/task", "en").body());
		HttpResponse<String> page = post("/r/" + this.token + "/task", "assignmentId=" + assignment + "&reason=hmm");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(assignmentOf(page.body())).isEqualTo(assignment);
		assertThat(page.body()).contains("Choose one of the four answers before submitting.")
			.contains(">hmm</textarea>");
	}

	@Test
	void closingTheBrowserAndComingBackResumesTheSameTask() throws Exception {
		String first = assignmentOf(get("/r/" + this.token + "/task", "en").body());
		HttpClient anotherBrowser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		HttpResponse<String> again = anotherBrowser.send(
				HttpRequest.newBuilder(URI.create(url("/r/" + this.token + "/task"))).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(assignmentOf(again.body())).isEqualTo(first);
	}

	@Test
	void theWelcomePageCountsTheTaskTheRaterHoldsAsTheTaskPageDoes() throws Exception {
		assertThat(get("/r/" + this.token + "/task", "en").body()).contains(">0 / 190<");
		assertThat(get("/r/" + this.token, "en").body()).contains(">0 / 190<");
	}

	@Test
	void anUnknownLinkGetsAFriendlyNotFoundPage() throws Exception {
		HttpResponse<String> page = get("/r/no-such-token/task", "en");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("This link does not exist");
	}

	private HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
		return this.browser.send(
				HttpRequest.newBuilder(URI.create(url(path))).header("Accept-Language", language).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept-Language", "en")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static String assignmentOf(String html) {
		Matcher matcher = ASSIGNMENT.matcher(html);
		assertThat(matcher.find()).as("the page holds an assignment").isTrue();
		return matcher.group(1);
	}

}
