package dev.pairwise.recruitment;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
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
 * The flags participants.csv raises from what participants answered, read from the stored
 * winners: a participant who always picks the response shown on the left, and one who
 * mostly disagrees with the majority of a task's judgments. Every answer below is sent
 * after 4 seconds, so every participant is also flagged too fast.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ParticipantFlagsTests {

	private static final int TASKS_EACH = 5;

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
	void aParticipantWhoAlwaysPicksTheLeftResponseIsFlaggedForLeftBiasAndNoOtherIs() throws IOException {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("left-bias"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.0));
		String link = link(study);
		Map<String, String> choices = Map.of("always-left", "1", "always-right", "2", "always-tie", "tie");
		choices.forEach((pid, choice) -> {
			String token = this.participants.enrol(link, "PROLIFIC_PID=" + pid);
			this.participants.consent(token);
			assertThat(this.participants.rateAll(token, choice)).isEqualTo(TASKS_EACH);
			assertThat(this.participants.completion(token).json().path("code").asString()).isEqualTo("C0DE-OK");
		});

		Map<String, CSVRecord> rows = participantsCsv(study);
		assertThat(rows.get("always-left").get("flags")).isEqualTo("too-fast;left-bias");
		assertThat(rows.get("always-right").get("flags")).isEqualTo("too-fast");
		assertThat(rows.get("always-tie").get("flags")).isEqualTo("too-fast");
		assertThat(rows.get("always-left").get("reason")).isEqualTo("flagged: too-fast, left-bias");
	}

	@Test
	void aParticipantWhoAlwaysDisagreesWithTheMajorityIsFlaggedForLowAgreement() throws IOException {
		long study = studyOfFiveTasks();
		String link = link(study);
		// Three judgments a task, one from each: two always prefer the task's model_a,
		// the
		// third always its model_b, whichever side each is shown on.
		Map<String, Boolean> prefersModelA = new LinkedHashMap<>();
		prefersModelA.put("loyal-1", true);
		prefersModelA.put("loyal-2", true);
		prefersModelA.put("contrarian", false);
		prefersModelA.forEach((pid, modelA) -> {
			String token = this.participants.enrol(link, "PROLIFIC_PID=" + pid);
			this.participants.consent(token);
			int judged = 0;
			for (Response next = this.participants.next(token); next.status() == 200; next = this.participants
				.next(token)) {
				long assignment = next.json().path("assignmentId").asLong();
				boolean leftIsA = this.jdbc.sql("select left_is_a from assignment where id = ?")
					.param(assignment)
					.query(Boolean.class)
					.single();
				String choice = (leftIsA == modelA) ? "1" : "2";
				assertThat(this.participants.judge(token, assignment, choice).status()).isEqualTo(201);
				judged++;
			}
			assertThat(judged).isEqualTo(TASKS_EACH);
		});
		assertThat(this.jdbc.sql("select count(*) from judgment where study_id = ? and winner = 'model_a'")
			.param(study)
			.query(Integer.class)
			.single()).as("model_a won two of each task's three judgments").isEqualTo(2 * TASKS_EACH);

		Map<String, CSVRecord> rows = participantsCsv(study);
		assertThat(rows.get("contrarian").get("flags")).contains("low-agreement");
		assertThat(rows.get("loyal-1").get("flags")).doesNotContain("low-agreement");
		assertThat(rows.get("loyal-2").get("flags")).doesNotContain("low-agreement");
	}

	/** A study of two models over five items: five tasks, three judgments each. */
	private long studyOfFiveTasks() {
		Map<String, String[]> items = new LinkedHashMap<>();
		IntStream.rangeClosed(1, TASKS_EACH)
			.forEach((i) -> items.put("q" + i, new String[] { "planning", "zero-shot" }));
		String evalSet = this.fixture.evalSet("flags", items);
		Map<String, String> texts = items.keySet().stream().collect(Collectors.toMap((id) -> id, (id) -> "A " + id));
		this.fixture.outputs(evalSet, "flags-first", texts);
		this.fixture.outputs(evalSet, "flags-second",
				items.keySet().stream().collect(Collectors.toMap((id) -> id, (id) -> "B " + id)));
		Map<String, Object> command = new HashMap<>();
		command.put("name", StudyFixture.uniqueName("low-agreement"));
		command.put("evalSet", evalSet);
		command.put("models", List.of("flags-first", "flags-second"));
		command.put("ratingsPerTask", 3);
		command.put("attentionCheckRate", 0.0);
		Response created = this.admin.postJson("/api/studies", command);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();
		assertThat(this.admin.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		return study;
	}

	private String link(long study) {
		Map<String, Object> body = new HashMap<>();
		body.put("preset", "prolific");
		body.put("tasksPerParticipant", TASKS_EACH);
		body.put("completionCode", "C0DE-OK");
		body.put("completionUrl", "https://app.prolific.com/submissions/complete?cc={code}");
		body.put("screenOutCode", "SCREENED");
		body.put("consent", "You agree to take part.");
		body.put("estimatedMinutes", 5);
		Response response = this.admin.postJson("/api/studies/" + study + "/recruitment", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return URI.create(response.json().path("url").asString()).getPath();
	}

	/** participants.csv's rows by participant id. */
	private Map<String, CSVRecord> participantsCsv(long study) throws IOException {
		Response csv = this.admin.get("/api/studies/" + study + "/participants.csv");
		assertThat(csv.status()).isEqualTo(200);
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))
			.getRecords()
			.stream()
			.collect(Collectors.toMap((row) -> row.get("participant_id"), (row) -> row));
	}

}
