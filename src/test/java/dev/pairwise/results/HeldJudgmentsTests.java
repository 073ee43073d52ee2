package dev.pairwise.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.rating.JudgmentsChanged;
import dev.pairwise.testsupport.StudyFixture;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results computed from judgments held in memory and brought up to date judgment by
 * judgment are the results of a fresh read of the same judgments.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HeldJudgmentsTests {

	private static final String[] CHOICES = { "1", "2", "tie", "1", "both-bad" };

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	ResultsRepository repository;

	@Autowired
	Studies studies;

	HttpTestClient admin;

	HttpTestClient anonymous;

	StudyFixture fixture;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.anonymous = HttpTestClient.anonymous(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void resultsAfterNewEditedAndLateJudgmentsEqualAFreshRead() {
		long study = this.fixture.createOpenStudy("held judgments", Map.of("allowEdit", true));
		List<String> raters = this.fixture.invite(study, 3, null);
		List<Long> answered = new ArrayList<>();
		for (String rater : raters) {
			answered.addAll(rate(rater, 8));
		}
		JsonNode first = results(study);

		for (String rater : raters) {
			rate(rater, 4);
		}
		Response edited = this.anonymous.postJson("/api/rate/" + raters.get(0) + "/judgments",
				Map.of("assignmentId", answered.get(0), "choice", choice(answered.get(0) + 1)));
		assertThat(edited.json().path("status").asString()).as(edited.body()).isEqualTo("edited");
		// Two judgments whose transactions commit in the opposite order of their ids: the
		// later one is announced, and held, first.
		long earlier = insertJudgment(study, "late-1", "model_a");
		long later = insertJudgment(study, "late-2", "model_b");
		this.events.publishEvent(JudgmentsChanged.judgment(study, later));
		assertThat(results(study).path("judgments").asInt()).isEqualTo(counted(study) - 1);
		this.events.publishEvent(JudgmentsChanged.judgment(study, earlier));
		JsonNode updated = results(study);

		this.events.publishEvent(JudgmentsChanged.wholeStudy(study));
		JsonNode fresh = results(study);
		assertThat(updated.path("judgments").asInt()).isEqualTo(counted(study))
			.isGreaterThan(first.path("judgments").asInt());
		assertThat(withoutTimes(updated)).isEqualTo(withoutTimes(fresh)).isNotEqualTo(withoutTimes(first));
	}

	@Test
	void aStudyWithMoreChangesThanAreWorthReadingOneByOneIsReadWholeAgain() {
		Study study = this.studies.find(this.fixture.createOpenStudy("many changes", Map.of())).orElseThrow();
		StudyJudgmentsCache cache = new StudyJudgmentsCache(this.repository, Long.MAX_VALUE);
		StudyJudgments held = cache.of(study, null);

		cache.changed(new JudgmentsChanged(study.id(),
				LongStream.rangeClosed(1, 100_000).boxed().collect(Collectors.toSet())));
		assertThat(cache.of(study, null)).as("100,000 changed ids are still read by id").isSameAs(held);
		cache.changed(JudgmentsChanged.judgment(study.id(), 100_001));
		assertThat(cache.of(study, null)).as("one more, and the study is read whole").isNotSameAs(held);
	}

	/** Answers the rater's next tasks, cycling through the choices. */
	private List<Long> rate(String token, int tasks) {
		List<Long> assignments = new ArrayList<>();
		for (int i = 0; i < tasks; i++) {
			Response next = this.anonymous.get("/api/rate/" + token + "/next");
			assertThat(next.status()).as(next.body()).isEqualTo(200);
			long assignment = next.json().path("assignmentId").asLong();
			Response judged = this.anonymous.postJson("/api/rate/" + token + "/judgments",
					Map.of("assignmentId", assignment, "choice", choice(assignment)));
			assertThat(judged.status()).as(judged.body()).isEqualTo(201);
			assignments.add(assignment);
		}
		return assignments;
	}

	/** Varies with the assignment; consecutive assignments get different choices. */
	private static String choice(long assignment) {
		return CHOICES[(int) (assignment % CHOICES.length)];
	}

	/**
	 * A judgment of the study's first task that has none, stored without announcing it:
	 * its item is new to the results, so the order of rows decides the items' order.
	 */
	private long insertJudgment(long study, String judge, String winner) {
		this.jdbc.sql("""
				insert into judgment (study_id, task_id, item_id, model_a_id, model_b_id, winner, fail_a, fail_b, judge,
				  source, attention, created_at, updated_at)
				select t.study_id, t.id, t.item_id, t.model_a_id, t.model_b_id, ?, false, false, ?, 'raters',
				  false, current_timestamp, current_timestamp
				from task t where t.study_id = ? and t.attention_kind is null
				  and not exists (select 1 from judgment j where j.item_id = t.item_id and j.study_id = t.study_id)
				order by t.id fetch first 1 rows only""").params(winner, judge, study).update();
		return this.jdbc.sql("select id from judgment where study_id = ? and judge = ?")
			.params(study, judge)
			.query(Long.class)
			.single();
	}

	private int counted(long study) {
		return this.jdbc.sql("select count(*) from judgment where study_id = ? and attention = false")
			.param(study)
			.query(Integer.class)
			.single();
	}

	private JsonNode results(long study) {
		Response response = this.admin.get("/api/studies/" + study + "/results");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static JsonNode withoutTimes(JsonNode results) {
		ObjectNode copy = (ObjectNode) results.deepCopy();
		copy.remove(List.of("computedAt", "computeMillis"));
		return copy;
	}

}
