package dev.pairwise.recruitment;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recruitment link through the real app: enrolment once per participant however they
 * arrive, the polite refusals, pause and revoke, consent before tasks, and the completion
 * code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RecruitmentLinkTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	StudyFixture fixture;

	Participants participants;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
		this.participants = new Participants(this.port);
	}

	@Test
	void theSameParticipantAlwaysReachesTheSameRaterEvenInParallelTabs() throws Exception {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("recruit-same"), Map.of());
		String link = link(study, Map.of());
		String first = this.participants.enrol(link, "PROLIFIC_PID=5f1e2d3c4b5a69788796a5b4&STUDY_ID=s1&SESSION_ID=t1");
		String again = this.participants.enrol(link, "PROLIFIC_PID=5f1e2d3c4b5a69788796a5b4&STUDY_ID=s1&SESSION_ID=t2");
		assertThat(again).isEqualTo(first);

		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> tabs = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				tabs.add(() -> this.participants.enrol(link, "PROLIFIC_PID=parallel-tabs&STUDY_ID=s1&SESSION_ID=t"));
			}
			Set<String> tokens = new java.util.HashSet<>();
			for (Future<String> tab : pool.invokeAll(tabs)) {
				tokens.add(tab.get());
			}
			assertThat(tokens).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(count("select count(*) from participant where study_id = ?", study)).isEqualTo(2);
		assertThat(count("select count(*) from rater where study_id = ?", study)).isEqualTo(2);
		assertThat(this.jdbc.sql("select extra_params from participant where study_id = ? and platform_id = ?")
			.params(study, "5f1e2d3c4b5a69788796a5b4")
			.query(String.class)
			.single()).isEqualTo("{\"STUDY_ID\":\"s1\",\"SESSION_ID\":\"t1\"}");
	}

	@Test
	void aMissingOrMalformedParticipantIdGetsAPageAndNoRater() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("recruit-malformed"), Map.of());
		String link = link(study, Map.of());
		Participants.Arrival missing = this.participants.arrive(link, "STUDY_ID=s1");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("lacks your participant id");
		assertThat(this.participants.arrive(link, "PROLIFIC_PID=%3Cscript%3E").status()).isEqualTo(400);
		assertThat(this.participants.arrive(link, "PROLIFIC_PID=" + "a".repeat(65)).status()).isEqualTo(400);
		assertThat(this.participants.arrive("/join/no-such-link", "PROLIFIC_PID=abc").status()).isEqualTo(404);
		assertThat(count("select count(*) from rater where study_id = ?", study)).isZero();
	}

	@Test
	void pastMaxParticipantsOrWhenPausedRevokedOrClosedTheLinkSaysSo() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("recruit-full"), Map.of());
		String link = link(study, Map.of("maxParticipants", 2));
		String a = this.participants.enrol(link, "PROLIFIC_PID=a1");
		this.participants.enrol(link, "PROLIFIC_PID=a2");
		Participants.Arrival full = this.participants.arrive(link, "PROLIFIC_PID=a3");
		assertThat(full.status()).isEqualTo(409);
		assertThat(full.body()).contains("has all the participants it needs");
		assertThat(this.participants.enrol(link, "PROLIFIC_PID=a1")).isEqualTo(a);

		Response paused = this.admin.post("/api/studies/" + study + "/recruitment/pause", "application/json", "");
		assertThat(paused.json().path("state").asString()).isEqualTo("paused");
		String reopened = link(study, Map.of("maxParticipants", 10));
		assertThat(reopened).isEqualTo(link);
		assertThat(this.participants.arrive(link, "PROLIFIC_PID=a4").status()).isEqualTo(503);
		assertThat(this.admin.post("/api/studies/" + study + "/recruitment/resume", "application/json", "").status())
			.isEqualTo(200);
		this.participants.enrol(link, "PROLIFIC_PID=a4");

		this.admin.post("/api/studies/" + study + "/recruitment/revoke", "application/json", "");
		assertThat(this.participants.arrive(link, "PROLIFIC_PID=a5").status()).isEqualTo(404);
		assertThat(this.participants.arrive(link, "PROLIFIC_PID=a1").status()).isEqualTo(404);
		// The enrolled keep their own links.
		assertThat(this.participants.page("/r/" + a).status()).isEqualTo(302);
		String renewed = link(study, Map.of());
		assertThat(renewed).isNotEqualTo(link);
		assertThat(this.participants.enrol(renewed, "PROLIFIC_PID=a1")).isEqualTo(a);

		this.admin.post("/api/studies/" + study + "/close", "application/json", "");
		Participants.Arrival closed = this.participants.arrive(renewed, "PROLIFIC_PID=a6");
		assertThat(closed.status()).isEqualTo(410);
		assertThat(closed.body()).contains("has closed");
		assertThat(count("select count(*) from participant where study_id = ?", study)).isEqualTo(3);
	}

	@Test
	void consentComesFirstAndTheCompletionCodeOnlyAtTheEnd() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("recruit-path"), Map.of());
		String link = link(study, Map.of("tasksPerParticipant", 3));
		String token = this.participants.enrol(link, "PROLIFIC_PID=path-1&STUDY_ID=s&SESSION_ID=t");

		Participants.Arrival welcome = this.participants.page("/r/" + token);
		assertThat(welcome.status()).isEqualTo(302);
		assertThat(welcome.location()).endsWith("/r/" + token + "/consent");
		Participants.Arrival consent = this.participants.page("/r/" + token + "/consent");
		assertThat(consent.body()).contains("about 12 minutes").contains("<strong>Do</strong> agree");
		assertThat(this.participants.next(token).status()).isEqualTo(403);
		assertThat(this.participants.page("/r/" + token + "/task").location()).endsWith("/r/" + token + "/consent");
		assertThat(this.participants.page("/r/" + token + "/qualification").location()).endsWith("/r/" + token);
		assertThat(this.participants.completion(token).status()).isEqualTo(409);

		this.participants.consent(token);
		assertThat(this.jdbc
			.sql("select consent_at from participant where rater_id = (select id from rater"
					+ " where study_id = ? and label = 'path-1')")
			.param(study)
			.query(java.sql.Timestamp.class)
			.single()).isNotNull();
		assertThat(this.participants.page("/r/" + token).status()).isEqualTo(200);
		assertThat(this.participants.next(token).json().path("progress").path("target").asInt()).isEqualTo(3);
		assertThat(this.participants.rateAll(token, "1")).isEqualTo(3);

		Response completion = this.participants.completion(token);
		assertThat(completion.status()).isEqualTo(200);
		assertThat(completion.json().path("code").asString()).isEqualTo("C0DE-OK");
		assertThat(completion.json().path("redirectUrl").asString())
			.isEqualTo("https://app.prolific.com/submissions/complete?cc=C0DE-OK");
		Participants.Arrival end = this.participants.page("/r/" + token + "/task");
		assertThat(end.location()).endsWith("/r/" + token + "/complete");
		Participants.Arrival complete = this.participants.page("/r/" + token + "/complete");
		assertThat(complete.body()).contains("C0DE-OK")
			.contains("href=\"https://app.prolific.com/submissions/complete?cc=C0DE-OK\"")
			.doesNotContain("instruction-tuned-demo")
			.doesNotContain("base-demo");
	}

	@Test
	void aLinkNeedsItsRulesRight() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("recruit-rules"), Map.of());
		Response noCode = this.admin.postJson("/api/studies/" + study + "/recruitment",
				Map.of("preset", "prolific", "tasksPerParticipant", 5));
		assertThat(noCode.status()).isEqualTo(400);
		assertThat(noCode.json().path("detail").asString()).startsWith("completionCode is required");
		Response mturk = this.admin.postJson("/api/studies/" + study + "/recruitment",
				Map.of("preset", "mturk", "tasksPerParticipant", 5, "completionCode", "MT"));
		assertThat(mturk.status()).isEqualTo(200);
		assertThat(mturk.json().path("participantParam").asString()).isEqualTo("workerId");
		assertThat(mturk.json().path("extraParams").toString()).isEqualTo("[\"assignmentId\",\"hitId\"]");
		String path = URI.create(mturk.json().path("url").asString()).getPath();
		assertThat(this.participants.arrive(path, "workerId=A1B2C3&assignmentId=x&hitId=y").status()).isEqualTo(302);
		assertThat(this.admin
			.postJson("/api/studies/" + study + "/recruitment",
					Map.of("tasksPerParticipant", 5, "completionCode", "G", "completionUrl", "javascript:alert(1)"))
			.status()).isEqualTo(400);
		assertThat(this.admin.get("/api/studies/999999/recruitment").status()).isEqualTo(404);
	}

	@Test
	void theStudyPageSetsUpTheLinkAndShowsItsStatePauseResumeAndRevoke() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("recruit-on-study-page"), Map.of());
		String before = this.admin.get("/studies/" + study).body();
		assertThat(before).contains("id=\"recruitment\"")
			.contains("No recruitment link yet.")
			.contains("data-recruitment-form")
			.contains("name=\"attentionChecks\"")
			.doesNotContain("data-recruitment-url");

		WebSession page = WebSession.signedInAdmin(this.port);
		Page saved = page.postForm("/studies/" + study + "/recruitment",
				Map.of("from", "study", "preset", "prolific", "tasksPerParticipant", "4", "completionCode", "PAGE-CODE",
						"attentionChecks", "2", "attentionPolicy", "warn", "attentionLimit", "0"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(saved.location()).endsWith("/studies/" + study + "#recruitment");
		Response link = this.admin.get("/api/studies/" + study + "/recruitment");
		assertThat(link.json().path("participantParam").asString()).isEqualTo("PROLIFIC_PID");
		assertThat(link.json().path("qualification").path("attentionChecks").asInt()).isEqualTo(2);
		assertThat(link.json().path("qualification").path("passMark").asInt()).isEqualTo(2);
		assertThat(link.json().path("attentionPolicy").asString()).isEqualTo("warn");
		String url = link.json().path("url").asString();
		this.participants.enrol(URI.create(url).getPath(), "PROLIFIC_PID=from-the-page");

		String active = this.admin.get("/studies/" + study).body();
		assertThat(active).contains("value=\"" + url + "\"")
			.contains("1 participants so far (0 completed, 0 screened out)")
			.contains("/studies/" + study + "/recruitment/pause")
			.contains("data-confirm=\"Pause the recruitment link?")
			.contains("data-confirm=\"Revoke the recruitment link?")
			.doesNotContain("/studies/" + study + "/recruitment/resume");

		Page paused = page.postForm("/studies/" + study + "/recruitment/pause", Map.of("from", "study"));
		assertThat(paused.location()).endsWith("/studies/" + study + "#recruitment");
		assertThat(this.admin.get("/studies/" + study).body()).contains(">paused<")
			.contains("/studies/" + study + "/recruitment/resume")
			.doesNotContain("/studies/" + study + "/recruitment/pause");
		assertThat(this.participants.arrive(URI.create(url).getPath(), "PROLIFIC_PID=late").status()).isEqualTo(503);
		page.postForm("/studies/" + study + "/recruitment/resume", Map.of("from", "study"));
		assertThat(this.participants.arrive(URI.create(url).getPath(), "PROLIFIC_PID=late").status()).isEqualTo(302);
		page.postForm("/studies/" + study + "/recruitment/revoke", Map.of("from", "study"));
		assertThat(this.admin.get("/studies/" + study).body()).contains(">revoked<")
			.doesNotContain("/studies/" + study + "/recruitment/pause")
			.doesNotContain("/studies/" + study + "/recruitment/resume");

		Page wrong = page.postForm("/studies/" + study + "/recruitment", Map.of("from", "study", "tasksPerParticipant",
				"4", "completionCode", "PAGE-CODE", "attentionChecks", "500"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("qualification.attentionChecks must be between 0 and 50");
	}

	String link(long study, Map<String, Object> overrides) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("participantParam", "PROLIFIC_PID");
		body.put("extraParams", List.of("STUDY_ID", "SESSION_ID"));
		body.put("tasksPerParticipant", 20);
		body.put("maxParticipants", 300);
		body.put("completionCode", "C0DE-OK");
		body.put("completionUrl", "https://app.prolific.com/submissions/complete?cc={code}");
		body.put("screenOutCode", "SCREENED");
		body.put("consent", "**Do** agree to take part.");
		body.put("estimatedMinutes", 12);
		body.putAll(overrides);
		Response response = this.admin.postJson("/api/studies/" + study + "/recruitment", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return URI.create(response.json().path("url").asString()).getPath();
	}

	int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

}
