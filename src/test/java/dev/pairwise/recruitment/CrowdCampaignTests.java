package dev.pairwise.recruitment;

import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
 * A whole crowd campaign through the real app: fifty participants arrive from Prolific
 * (some twice, some in two tabs at once), consent, pass or fail the qualification, rate
 * their batch and get the right code; then participants.csv says what happened to each.
 * And the attention policy: a participant past the limit is screened out and excluded.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CrowdCampaignTests {

	private static final int PARTICIPANTS = 50;

	private static final int TASKS_EACH = 3;

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
	void fiftyProlificParticipantsEachEnrolOnceQualifyOrAreScreenedOutAndGetTheRightCode() throws Exception {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("campaign"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.0));
		List<String> items = this.jdbc.sql("""
				select i.item_key from item i join study s on s.eval_set_id = i.eval_set_id
				where s.id = ? order by i.position""").param(study).query(String.class).list();
		// Two questions from the study's items, then a built-in attention check, whose
		// answer is Response 1 (the first check always keeps Response 1 and empties 2).
		Map<String, Object> qualification = Map.of("passMark", 3, "attentionChecks", 1, "questions",
				List.of(Map.of("item", items.get(0), "answer", "1", "explanation", "Response 2 ignores the task."),
						Map.of("item", items.get(1), "answer", "tie", "explanation", "Both are equally good.")));
		String link = link(study, Map.of("qualification", qualification));

		ExecutorService crowd = Executors.newFixedThreadPool(8);
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		try {
			List<Callable<Outcome>> people = new ArrayList<>();
			for (int i = 0; i < PARTICIPANTS; i++) {
				int n = i;
				people.add(() -> takePart(link, n));
			}
			for (Future<Outcome> person : crowd.invokeAll(people)) {
				Outcome outcome = person.get();
				outcomes.put(outcome.pid(), outcome);
			}
		}
		finally {
			crowd.shutdown();
		}

		int failing = PARTICIPANTS / 5;
		assertThat(count("select count(*) from participant where study_id = ?", study)).isEqualTo(PARTICIPANTS);
		assertThat(count("select count(*) from rater where study_id = ?", study)).isEqualTo(PARTICIPANTS);
		assertThat(count("select count(*) from participant where study_id = ? and status = 'screened-out'", study))
			.isEqualTo(failing);
		assertThat(count("""
				select count(*) from judgment j join participant p on p.rater_id = j.rater_id
				where p.study_id = ? and p.status = 'screened-out'""", study)).isZero();
		int judged = (PARTICIPANTS - failing) * TASKS_EACH;
		assertThat(count("select count(*) from judgment where study_id = ?", study)).isEqualTo(judged);
		assertThat(count("select sum(accepted) from task where study_id = ?", study)).isEqualTo(judged);
		assertThat(count("select count(*) from task where study_id = ? and accepted > needed", study)).isZero();
		assertThat(count("""
				select count(*) from (select task_id from judgment where study_id = ?
				group by task_id having count(*) > 1) t""", study)).isZero();
		assertThat(count("""
				select count(*) from task t where t.study_id = ?
				and t.accepted <> (select count(*) from judgment j where j.task_id = t.id)""", study)).isZero();
		assertThat(count("""
				select count(*) from participant where study_id = ?
				and qualification_answers not in ('["1","tie","1"]', '["2","1","2"]')""", study))
			.as("each answer recorded once, in order, though some came from two tabs at once")
			.isZero();
		outcomes.values().forEach((outcome) -> {
			boolean fails = outcome.n() % 5 == 0;
			assertThat(outcome.code()).as(outcome.pid()).isEqualTo(fails ? "SCREENED" : "C0DE-OK");
			assertThat(outcome.judged()).as(outcome.pid()).isEqualTo(fails ? 0 : TASKS_EACH);
			assertThat(outcome.refusedBeforeQualifying()).as(outcome.pid()).isEqualTo(403);
		});

		Response csv = this.admin.get("/api/studies/" + study + "/participants.csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))
			.getRecords();
		assertThat(rows).hasSize(PARTICIPANTS);
		for (CSVRecord row : rows) {
			Outcome outcome = outcomes.get(row.get("participant_id"));
			boolean fails = outcome.n() % 5 == 0;
			assertThat(row.get("extra_params")).isEqualTo("STUDY_ID=prolific-study;SESSION_ID=session-" + outcome.n());
			assertThat(row.get("consent_at")).isNotEmpty();
			assertThat(row.get("status")).isEqualTo(fails ? "screened-out" : "completed");
			assertThat(row.get("judgments")).isEqualTo(fails ? "0" : String.valueOf(TASKS_EACH));
			assertThat(row.get("qualification_score")).isEqualTo(fails ? "0" : "3");
			assertThat(row.get("active_seconds")).isEqualTo(fails ? "0" : String.valueOf(TASKS_EACH * 4));
			assertThat(row.get("median_seconds_per_judgment")).isEqualTo(fails ? "" : "4.000");
			assertThat(row.get("suggested_action")).isEqualTo("approve");
			assertThat(row.get("reason")).isEqualTo(fails
					? "screened out by the qualification: pay the screen-out rate (Qualification score 0 of 3 (pass mark 3))"
					: "completed the tasks");
		}
		String page = this.admin.get("/studies/" + study + "/participants").body();
		assertThat(page).contains("data-participant=\"prolific-0001\"").contains("screened-out");
	}

	/**
	 * One participant's whole visit. Every seventh comes back through the link later,
	 * every fourth opens it in two tabs at once (and consents and answers in both at
	 * once); every fifth fails the qualification.
	 */
	private Outcome takePart(String link, int n) throws Exception {
		String pid = String.format("prolific-%04d", n);
		String query = "PROLIFIC_PID=" + pid + "&STUDY_ID=prolific-study&SESSION_ID=session-" + n;
		String token = (n % 4 == 0) ? enrolInTwoTabs(link, query) : this.participants.enrol(link, query);
		assertThat(this.participants.page("/r/" + token).location()).endsWith("/consent");
		boolean twoTabs = n % 4 == 0;
		inTabs(twoTabs, () -> this.participants.consent(token));
		int refused = this.participants.next(token).status();
		boolean fails = n % 5 == 0;
		List<String> answers = fails ? List.of("2", "1", "2") : List.of("1", "tie", "1");
		for (int i = 0; i < answers.size(); i++) {
			int question = i;
			inTabs(twoTabs, () -> this.participants.answer(token, question, answers.get(question)));
		}
		if (n % 7 == 0) {
			assertThat(this.participants.enrol(link, "PROLIFIC_PID=" + pid + "&SESSION_ID=later")).isEqualTo(token);
		}
		int judged = 0;
		if (fails) {
			assertThat(this.participants.next(token).status()).isEqualTo(403);
			assertThat(this.participants.page("/r/" + token + "/task").location()).endsWith("/screened-out");
		}
		else {
			judged = this.participants.rateAll(token, "1");
		}
		JsonNode completion = this.participants.completion(token).json();
		return new Outcome(pid, n, token, refused, judged, completion.path("code").asString());
	}

	private String enrolInTwoTabs(String link, String query) throws Exception {
		ExecutorService tabs = Executors.newFixedThreadPool(2);
		try {
			Future<String> first = tabs.submit(() -> this.participants.enrol(link, query));
			Future<String> second = tabs.submit(() -> this.participants.enrol(link, query));
			String token = first.get();
			assertThat(second.get()).isEqualTo(token);
			return token;
		}
		finally {
			tabs.shutdown();
		}
	}

	/** Does the step once, or in two tabs at the same moment. */
	private static void inTabs(boolean twoTabs, Runnable step) throws Exception {
		if (!twoTabs) {
			step.run();
			return;
		}
		ExecutorService tabs = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> both = List.of(tabs.submit(step), tabs.submit(step));
			for (Future<?> tab : both) {
				tab.get();
			}
		}
		finally {
			tabs.shutdown();
		}
	}

	@Test
	void aParticipantPastTheAttentionLimitIsScreenedOutAndExcludedWithTheReason() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("attention-policy"),
				Map.of("ratingsPerTask", 1, "attentionCheckRate", 0.5));
		String link = link(study, Map.of("tasksPerParticipant", 40, "attentionPolicy", "screen-out", "attentionLimit",
				1, "screenOutUrl", "https://example.org/screened?code={code}"));
		String token = this.participants.enrol(link, "PROLIFIC_PID=careless-1");
		this.participants.consent(token);
		int failedChecks = 0;
		int judged = 0;
		for (Response next = this.participants.next(token); next.status() == 200; next = this.participants
			.next(token)) {
			long assignment = next.json().path("assignmentId").asLong();
			boolean check = count("""
					select count(*) from assignment a join task t on t.id = a.task_id
					where a.id = ? and t.attention_kind is not null""", assignment) == 1;
			// Always the response shown second: wrong on every check whose good side is
			// shown first.
			assertThat(this.participants.judge(token, assignment, "2").status()).isEqualTo(201);
			judged++;
			if (check && count("select count(*) from judgment where assignment_id = ? and attention_correct = false",
					assignment) == 1) {
				failedChecks++;
			}
			assertThat(failedChecks).isLessThanOrEqualTo(2);
		}
		assertThat(failedChecks).isEqualTo(2);
		assertThat(this.participants.next(token).status()).isEqualTo(403);
		assertThat(count("select count(*) from judgment where rater_id = (select rater_id from participant"
				+ " where platform_id = 'careless-1')"))
			.isEqualTo(judged);
		assertThat(this.jdbc.sql("""
				select reason from rater_exclusion where rater_id =
				  (select rater_id from participant where platform_id = 'careless-1')""").query(String.class).single())
			.isEqualTo("Screened out automatically: Failed 2 attention checks (limit 1)");
		Response completion = this.participants.completion(token);
		assertThat(completion.json().path("code").asString()).isEqualTo("SCREENED");
		assertThat(completion.json().path("redirectUrl").asString())
			.isEqualTo("https://example.org/screened?code=SCREENED");
		String screenedOut = this.participants.page("/r/" + token + "/screened-out").body();
		assertThat(screenedOut).contains("SCREENED").contains("href=\"https://example.org/screened?code=SCREENED\"");

		String csv = this.admin.get("/api/studies/" + study + "/participants.csv").body();
		assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("careless-1,")
			.endsWith(",screened-out,reject,Failed 2 attention checks (limit 1)");
	}

	@Test
	void participantsCsvDefusesFormulaLikeIdsAndParameters() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("csv-guard"), Map.of());
		String link = link(study, Map.of());
		this.participants.enrol(link, "PROLIFIC_PID=-2-3&STUDY_ID=%3DHYPERLINK(1)&SESSION_ID=%40x");
		this.participants.enrol(link, "PROLIFIC_PID=plain&STUDY_ID=%3D1%2B2");
		String csv = this.admin.get("/api/studies/" + study + "/participants.csv").body();
		assertThat(csv.lines().skip(1).findFirst().orElseThrow())
			.startsWith("'-2-3,STUDY_ID==HYPERLINK(1);SESSION_ID=@x,")
			.contains(",in-progress,review,did not finish (in-progress)");
		assertThat(csv.lines().skip(2).findFirst().orElseThrow()).startsWith("plain,STUDY_ID==1+2,");
	}

	String link(long study, Map<String, Object> overrides) {
		Map<String, Object> body = new HashMap<>();
		body.put("preset", "prolific");
		body.put("tasksPerParticipant", TASKS_EACH);
		body.put("completionCode", "C0DE-OK");
		body.put("completionUrl", "https://app.prolific.com/submissions/complete?cc={code}");
		body.put("screenOutCode", "SCREENED");
		body.put("consent", "You agree to take part.");
		body.put("estimatedMinutes", 5);
		body.putAll(overrides);
		Response response = this.admin.postJson("/api/studies/" + study + "/recruitment", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return URI.create(response.json().path("url").asString()).getPath();
	}

	int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	record Outcome(String pid, int n, String token, int refusedBeforeQualifying, int judged, String code) {
	}

}
