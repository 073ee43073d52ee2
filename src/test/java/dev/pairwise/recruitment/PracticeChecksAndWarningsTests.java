package dev.pairwise.recruitment;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.recruitment.Participants.Arrival;
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
 * Through the real app: the built-in attention checks a qualification can hold (made from
 * the study's items, with their explanation after the answer, counted in the score), and
 * the warning a participant sees after a failed attention check under the warn policy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PracticeChecksAndWarningsTests {

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
	void builtInAttentionChecksArePracticeQuestionsWithTheirExplanationCountedInTheScore() {
		Map<String, String[]> items = new LinkedHashMap<>();
		for (String item : List.of("q1", "q2", "q3")) {
			items.put(item, new String[] { "writing", "zero-shot" });
		}
		String set = this.fixture.evalSet("practice-checks", items);
		String alpha = StudyFixture.uniqueName("alpha");
		String beta = StudyFixture.uniqueName("beta");
		this.fixture.outputs(set, alpha, Map.of("q1", "Alpha answers the first prompt.", "q2",
				"Alpha answers the second prompt at length.", "q3", "Alpha answers the third prompt."));
		this.fixture.outputs(set, beta,
				Map.of("q1", "Beta answers the first prompt.", "q2",
						"Beta answers the second prompt with a long and careful explanation of every step.", "q3",
						"Beta answers the third prompt."));
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("practice-checks"),
				Map.of("evalSet", set, "models", List.of(alpha, beta), "ratingsPerTask", 1));

		Response tooMany = configure(study, Map.of("passMark", 1, "attentionChecks", 4));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().path("detail").asString()).isEqualTo("qualification.attentionChecks must be at most"
				+ " 3, the items of the study's eval set with non-empty outputs of its first two models");
		Response kindGiven = configure(study,
				Map.of("questions", List.of(Map.of("item", "q1", "answer", "1", "explanation", "", "kind", "empty"))));
		assertThat(kindGiven.status()).isEqualTo(400);
		assertThat(kindGiven.json().path("detail").asString()).startsWith("qualification.questions[0].kind");
		assertThat(configure(study, Map.of("attentionChecks", -1)).status()).isEqualTo(400);

		Map<String, Object> qualification = Map.of("passMark", 4, "attentionChecks", 3, "questions",
				List.of(Map.of("item", "q2", "answer", "2", "explanation", "Response 2 says more.")));
		Response saved = configure(study, qualification);
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		JsonNode savedQualification = saved.json().path("qualification");
		assertThat(savedQualification.path("attentionChecks").asInt()).isEqualTo(3);
		assertThat(savedQualification.path("passMark").asInt()).isEqualTo(4);
		assertThat(savedQualification.path("questions").size()).isEqualTo(1);
		assertThat(configure(study, qualification).json().path("url").asString())
			.isEqualTo(saved.json().path("url").asString());

		String token = this.participants.enrol(URI.create(saved.json().path("url").asString()).getPath(),
				"PROLIFIC_PID=careful-reader");
		this.participants.consent(token);

		String admins = question(token);
		assertThat(admins).contains("Prompt of q2").contains("Alpha answers the second prompt at length.");
		this.participants.answer(token, 0, "2");
		assertThat(feedback(token, 0)).contains("Your answer matched the expected one.")
			.contains("Response 2 says more.")
			.doesNotContain("This was an attention check");
		Arrival secondTab = this.participants.postForm("/r/" + token + "/qualification", "question=0&answer=1");
		assertThat(secondTab.location()).endsWith("/r/" + token + "/qualification?answered=0");
		assertThat(feedback(token, 0)).contains("Your answer matched the expected one.");

		String empty = question(token);
		assertThat(empty).contains("Prompt of q1")
			.contains("Alpha answers the first prompt.")
			.contains("(empty response)")
			.doesNotContain("Beta answers");
		this.participants.answer(token, 1, "1");
		assertThat(feedback(token, 1)).contains("Your answer matched the expected one.")
			.contains("This was an attention check: Response 2 is empty, so Response 1 is better.");

		String truncated = question(token);
		assertThat(truncated).contains("Prompt of q2")
			.contains("<p>Beta answers the</p>")
			.contains("Beta answers the second prompt with a long and careful explanation of every step.")
			.doesNotContain("Alpha answers");
		this.participants.answer(token, 2, "1");
		assertThat(feedback(token, 2)).contains("Your answer differs from the expected one.")
			.contains("You chose Response 1; the expected answer is Response 2.")
			.contains("This was an attention check: Response 1 stops after a few words,"
					+ " so the complete Response 2 is better.");

		String offTopic = question(token);
		assertThat(offTopic).contains("Prompt of q3")
			.contains("Alpha answers the third prompt.")
			.contains("Beta answers the first prompt.");
		this.participants.answer(token, 3, "1");
		assertThat(feedback(token, 3))
			.contains("This was an attention check: Response 2 answers a different prompt, so Response 1 is better.");

		assertThat(this.jdbc.sql("""
				select qualification_score || ' ' || status || ' ' || status_reason from participant
				where platform_id = 'careful-reader'""").query(String.class).single())
			.isEqualTo("3 screened-out Qualification score 3 of 4 (pass mark 4)");
		assertThat(this.participants.page("/r/" + token).location()).endsWith("/r/" + token + "/screened-out");
		assertThat(this.participants.next(token).status()).isEqualTo(403);
	}

	@Test
	void underTheWarnPolicyAFailedAttentionCheckShowsAPoliteWarningBeforeTheNextTask() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("attention-warn"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.5));
		Response saved = configure(study, Map.of("tasksPerParticipant", 30, "attentionPolicy", "warn", "attentionLimit",
				1, "completionCode", "DONE-WARNED"));
		String token = this.participants.enrol(URI.create(saved.json().path("url").asString()).getPath(),
				"PROLIFIC_PID=hasty-1");
		this.participants.consent(token);

		int failed = 0;
		int warnings = 0;
		int judged = 0;
		for (Response next = this.participants.next(token); next.status() == 200; next = this.participants
			.next(token)) {
			long assignment = next.json().path("assignmentId").asLong();
			String goodChoice = goodChoiceOfCheck(assignment);
			// Misses the first two checks and gets every later one right.
			boolean miss = goodChoice != null && failed < 2;
			String choice = (goodChoice == null) ? "1" : miss ? otherChoice(goodChoice) : goodChoice;
			assertThat(this.participants.judge(token, assignment, choice).status()).isEqualTo(201);
			judged++;
			if (!miss) {
				Arrival task = this.participants.page("/r/" + token + "/task");
				assertThat(String.valueOf(task.location())).as("no warning after task " + judged)
					.doesNotEndWith("/attention-warning");
				continue;
			}
			failed++;
			Arrival task = this.participants.page("/r/" + token + "/task");
			assertThat(task.location()).endsWith("/r/" + token + "/attention-warning");
			assertThat(this.participants.next(token).status()).isEqualTo(403);
			Arrival warning = this.participants.page("/r/" + token + "/attention-warning");
			assertThat(warning.status()).isEqualTo(200);
			assertThat(warning.body()).contains("A quick reminder")
				.contains("One of your recent answers was a check with a clear right answer,"
						+ " and your answer did not match it.")
				.contains("data-attention-warning");
			Arrival read = this.participants.postForm("/r/" + token + "/attention-warning", "");
			assertThat(read.location()).endsWith("/r/" + token + "/task");
			warnings++;
			assertThat(this.participants.page("/r/" + token + "/attention-warning").location()).endsWith("/r/" + token);
		}
		assertThat(failed).isEqualTo(2);
		assertThat(warnings).isEqualTo(2);
		assertThat(judged).isEqualTo(30);
		assertThat(this.jdbc.sql("select status || ' ' || status_reason from participant where platform_id = 'hasty-1'")
			.query(String.class)
			.single()).isEqualTo("completed Failed 2 attention checks (limit 1)");
		assertThat(this.participants.completion(token).json().path("code").asString()).isEqualTo("DONE-WARNED");
		assertThat(count("select count(*) from rater_exclusion where rater_id = (select rater_id from participant"
				+ " where platform_id = 'hasty-1')"))
			.isZero();
	}

	/**
	 * The choice ("1" for the response shown first) that is right on an attention check;
	 * null for a real task.
	 */
	private String goodChoiceOfCheck(long assignment) {
		return this.jdbc.sql("""
				select case when (t.attention_good_side = 'a') = a.left_is_a then '1' else '2' end
				from assignment a join task t on t.id = a.task_id
				where a.id = ? and t.attention_kind is not null""")
			.param(assignment)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static String otherChoice(String choice) {
		return "1".equals(choice) ? "2" : "1";
	}

	private String question(String token) {
		Arrival page = this.participants.page("/r/" + token + "/qualification");
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	private String feedback(String token, int answered) {
		Arrival page = this.participants.page("/r/" + token + "/qualification?answered=" + answered);
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	private Response configure(long study, Map<String, Object> overrides) {
		Map<String, Object> body = new HashMap<>();
		body.put("preset", "prolific");
		body.put("tasksPerParticipant", 3);
		body.put("completionCode", "C0DE-OK");
		body.put("screenOutCode", "SCREENED");
		Map<String, Object> qualification = new LinkedHashMap<>();
		overrides.forEach((key, value) -> {
			if (List.of("passMark", "attentionChecks", "questions").contains(key)) {
				qualification.put(key, value);
			}
			else {
				body.put(key, value);
			}
		});
		body.put("qualification", qualification);
		return this.admin.postJson("/api/studies/" + study + "/recruitment", body);
	}

	int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

}
