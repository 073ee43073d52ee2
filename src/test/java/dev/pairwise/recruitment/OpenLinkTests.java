package dev.pairwise.recruitment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

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
 * An open recruitment link (preset {@code open}) through the real app: every visitor who
 * comes without a participant id gets a rater of their own, remembered in a cookie; and
 * the demo study is reached through such a link.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenLinkTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	StudyFixture fixture;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void twoVisitorsWithoutIdsGetTwoRatersAndTheSameVisitorKeepsTheirs() throws Exception {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("open-link"), Map.of());
		Response configured = this.admin.postJson("/api/studies/" + study + "/recruitment",
				Map.of("preset", "open", "tasksPerParticipant", 4, "completionCode", "THANKS"));
		assertThat(configured.status()).as(configured.body()).isEqualTo(200);
		assertThat(configured.json().path("generateParticipantIds").asBoolean()).isTrue();
		assertThat(configured.json().path("participantParam").asString()).isEqualTo("pid");
		String link = URI.create(configured.json().path("url").asString()).getPath();

		HttpResponse<String> first = visit(link, null);
		HttpResponse<String> second = visit(link, null);
		String firstCookie = visitorCookie(first);
		String secondCookie = visitorCookie(second);
		assertThat(first.statusCode()).isEqualTo(302);
		assertThat(second.statusCode()).isEqualTo(302);
		assertThat(firstCookie).matches("pairwise-visitor=visitor-[0-9a-f]{32}");
		assertThat(secondCookie).isNotEqualTo(firstCookie);
		assertThat(first.headers().firstValue("Set-Cookie").orElseThrow()).contains("Path=" + link)
			.contains("HttpOnly")
			.contains("SameSite=Lax");
		assertThat(token(second)).isNotEqualTo(token(first));

		HttpResponse<String> again = visit(link, firstCookie);
		assertThat(token(again)).isEqualTo(token(first));
		assertThat(count("select count(*) from participant where study_id = ?", study)).isEqualTo(2);
		assertThat(count("select count(distinct rater_id) from participant where study_id = ?", study)).isEqualTo(2);
		assertThat(this.jdbc.sql("select platform_id from participant where study_id = ? order by id")
			.param(study)
			.query(String.class)
			.list()).containsExactly(firstCookie.substring(firstCookie.indexOf('=') + 1),
					secondCookie.substring(secondCookie.indexOf('=') + 1));

	}

	@Test
	void aCookieThatIsNotAGeneratedIdNamesNoOneAndAnIdInTheQueryStillCounts() throws Exception {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("open-forged"), Map.of());
		String link = URI
			.create(this.admin
				.postJson("/api/studies/" + study + "/recruitment",
						Map.of("preset", "open", "tasksPerParticipant", 4, "completionCode", "THANKS"))
				.json()
				.path("url")
				.asString())
			.getPath();
		String platformToken = token(visit(link + "?pid=panel-member-7", null));

		HttpResponse<String> forged = visit(link, "pairwise-visitor=panel-member-7");
		assertThat(token(forged)).isNotEqualTo(platformToken);
		assertThat(visitorCookie(forged)).matches("pairwise-visitor=visitor-[0-9a-f]{32}");
		assertThat(token(visit(link + "?pid=panel-member-7", visitorCookie(forged)))).isEqualTo(platformToken);
	}

	@Test
	void aPlatformLinkStillTurnsAwayAVisitorWithoutAnId() throws Exception {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("closed-link"), Map.of());
		Response configured = this.admin.postJson("/api/studies/" + study + "/recruitment",
				Map.of("preset", "prolific", "tasksPerParticipant", 4, "completionCode", "THANKS"));
		assertThat(configured.json().path("generateParticipantIds").asBoolean()).isFalse();
		HttpResponse<String> arrival = visit(URI.create(configured.json().path("url").asString()).getPath(), null);
		assertThat(arrival.statusCode()).isEqualTo(400);
		assertThat(arrival.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.admin
			.postJson("/api/studies/" + study + "/recruitment",
					Map.of("preset", "everyone", "tasksPerParticipant", 4, "completionCode", "THANKS"))
			.body()).contains("preset must be prolific, mturk, generic or open");
	}

	@Test
	void anOpenLinksPagesNeverSpeakOfAPlatformOrAParticipantId() throws Exception {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("open-wording"), Map.of("ratingsPerTask", 1));
		Response configured = this.admin.postJson("/api/studies/" + study + "/recruitment",
				Map.of("preset", "open", "tasksPerParticipant", 1, "maxParticipants", 1, "completionCode", "THANKS"));
		String link = URI.create(configured.json().path("url").asString()).getPath();
		Participants participants = new Participants(this.port);
		String token = token(visit(link, null));

		String consent = participants.page("/r/" + token + "/consent").body();
		assertThat(consent).contains("We do not ask who you are")
			.doesNotContainIgnoringCase("platform")
			.doesNotContainIgnoringCase("participant id");
		participants.consent(token);
		assertThat(participants.rateAll(token, "1")).isEqualTo(1);
		String end = participants.page("/r/" + token + "/complete").body();
		assertThat(end).contains("You have finished. Thank you for taking part!")
			.contains("If whoever shared this link with you asks for proof that you finished, this is your code:")
			.contains(">THANKS<")
			.doesNotContainIgnoringCase("platform");

		HttpResponse<String> late = visit(link, null);
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(late.body())
			.contains("This study has all the participants it needs. Thank you for your interest.</p>")
			.doesNotContainIgnoringCase("platform");
		HttpResponse<String> changed = visit(link + "?pid=not%20an%20id", null);
		assertThat(changed.statusCode()).isEqualTo(400);
		assertThat(changed.body()).contains("This link has been changed and cannot be read.")
			.doesNotContainIgnoringCase("platform")
			.doesNotContainIgnoringCase("participant id");
		this.admin.post("/api/studies/" + study + "/recruitment/revoke", "application/json", "");
		HttpResponse<String> revoked = visit(link, null);
		assertThat(revoked.statusCode()).isEqualTo(404);
		assertThat(revoked.body()).contains("This study link is no longer in use.")
			.doesNotContainIgnoringCase("platform");
	}

	@Test
	void theStudyPageOffersTheOpenPresetWhichTakesNoPlatformParameters() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("open-form"), Map.of());
		String empty = this.admin.get("/studies/" + study).body();
		assertThat(empty).contains("<option value=\"open\"")
			.contains("Open link (anyone with the link)")
			.contains("Each visitor gets a rater of their own, remembered in their browser; no platform id is asked"
					+ " for and nobody is sent back to a platform.");

		// The page hides the platform's fields for the open preset; sent anyway, they are
		// not taken.
		WebSession page = WebSession.signedInAdmin(this.port);
		Page saved = page.postForm("/studies/" + study + "/recruitment",
				Map.of("from", "study", "preset", "open", "participantParam", "PROLIFIC_PID", "extraParams",
						"STUDY_ID, SESSION_ID", "tasksPerParticipant", "5", "completionCode", "OPEN-CODE"));
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		JsonNode link = this.admin.get("/api/studies/" + study + "/recruitment").json();
		assertThat(link.path("generateParticipantIds").asBoolean()).isTrue();
		assertThat(link.path("participantParam").asString()).isEqualTo("pid");
		assertThat(link.path("extraParams").size()).isZero();

		String configured = this.admin.get("/studies/" + study).body();
		assertThat(configured).containsPattern("<option value=\"open\"[^>]* selected")
			.containsPattern("<input id=\"participantParam\"[^>]* hidden")
			.containsPattern("<input id=\"participantParam\"[^>]* disabled")
			.contains("Share this URL as it is: each visitor gets a rater of their own, remembered in their browser.")
			.doesNotContain("the platform adds the participant id");
	}

	@Test
	void theDemoStudyIsReachedThroughItsOpenLinkOnTheStartPage() throws Exception {
		JsonNode demo = null;
		for (JsonNode study : this.admin.get("/api/studies").json()) {
			if (study.path("name").asString().equals("Flan-style demo")) {
				demo = study;
			}
		}
		assertThat(demo).isNotNull();
		String link = demo.path("demoInviteUrl").asString();
		JsonNode recruitment = this.admin.get("/api/studies/" + demo.path("id").asLong() + "/recruitment").json();
		assertThat(URI.create(recruitment.path("url").asString()).getPath()).isEqualTo(link);
		assertThat(recruitment.path("generateParticipantIds").asBoolean()).isTrue();
		assertThat(recruitment.path("tasksPerParticipant").asInt()).isEqualTo(DemoOpenLink.TASKS_PER_VISITOR);
		assertThat(this.admin.get("/").body()).contains(link).doesNotContain("send it to a colleague");
		assertThat(visit(link, null).statusCode()).isEqualTo(302);
	}

	private HttpResponse<String> visit(String path, String cookie) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String visitorCookie(HttpResponse<String> response) {
		String header = response.headers().firstValue("Set-Cookie").orElseThrow();
		return header.substring(0, header.indexOf(';'));
	}

	private static String token(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf("/r/") + 3);
	}

	private int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

}
