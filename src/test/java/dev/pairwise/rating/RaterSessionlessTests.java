package dev.pairwise.rating;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raters are known by their token alone: their pages and API create no session, so they
 * cost the session store nothing and any instance can serve any of their requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RaterSessionlessTests {

	private static final Pattern ASSIGNMENT = Pattern.compile("name=\"assignmentId\" value=\"(\\d+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void raterPagesAndApiSetNoCookieButTheLanguageAndStoreNoSession() throws Exception {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		String token = fixture.token(fixture.createOpenStudy("sessionless", Map.of()));
		int sessionsBefore = sessions();
		HttpClient http = HttpClient.newHttpClient();
		List<HttpResponse<String>> responses = new ArrayList<>();
		responses.add(http.send(request("/r/" + token).GET().build(), HttpResponse.BodyHandlers.ofString()));
		HttpResponse<String> task = http.send(request("/r/" + token + "/task").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		responses.add(task);
		Matcher assignment = ASSIGNMENT.matcher(task.body());
		assertThat(assignment.find()).isTrue();
		responses
			.add(http.send(request("/r/" + token + "/task").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("assignmentId=" + assignment.group(1) + "&choice=1"))
				.build(), HttpResponse.BodyHandlers.ofString()));
		HttpResponse<String> next = http.send(request("/api/rate/" + token + "/next").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		responses.add(next);
		String assignmentId = next.body().replaceAll("(?s).*\"assignmentId\":(\\d+).*", "$1");
		responses.add(http.send(request("/api/rate/" + token + "/judgments").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"assignmentId\":" + assignmentId + ",\"choice\":\"tie\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()));
		responses
			.add(http.send(request("/r/" + token + "?lang=zh-CN").GET().build(), HttpResponse.BodyHandlers.ofString()));

		// The answer's response is the next task itself (issue 23), not a redirect to it.
		assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 200, 201, 200);
		assertThat(responses).flatExtracting((response) -> response.headers().allValues("Set-Cookie"))
			.allSatisfy((cookie) -> assertThat(cookie).startsWith("pairwise-lang="));
		assertThat(sessions()).isEqualTo(sessionsBefore);
		assertThat(this.jdbc
			.sql("select count(*) from judgment j join rater r on r.id = j.rater_id where r.study_id ="
					+ " (select max(id) from study where name = 'sessionless')")
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	private int sessions() {
		return this.jdbc.sql("select count(*) from spring_session").query(Integer.class).single();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

}
