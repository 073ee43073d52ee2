package dev.pairwise.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
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
import static org.assertj.core.api.Assertions.offset;

/**
 * Power planning through the real API, on the bundled Flan-style set: the expected
 * half-widths from the set's own item counts, the k a target needs, the pilot correlation
 * of a study its raters judged, and a 400 naming each field at fault.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PlanningApiTests {

	private static final double Z = 1.959963984540054;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	StudyFixture fixture;

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
	}

	@Test
	void aPlanGivesTheHalfWidthOfEachWinRateFromTheEvalSetsItemCounts() {
		Response response = this.admin.postJson("/api/studies/plan", request(Map.of("targetHalfWidth", 0.05)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode plan = response.json();
		assertThat(plan.path("intraItemCorrelation").asDouble()).isEqualTo(0.3);
		assertThat(plan.path("correlationFrom").asString()).isEqualTo("default");
		assertThat(plan.path("ties").asString()).isEqualTo("half");
		JsonNode overall = plan.path("overall");
		assertThat(overall.path("items").asInt()).isEqualTo(190);
		assertThat(overall.path("judgments").asInt()).isEqualTo(570);
		assertThat(overall.path("designEffect").asDouble()).isCloseTo(1.6, offset(1e-12));
		// 1.96 √(0.79 · 0.21 · 1.6 / 570)
		assertThat(overall.path("halfWidth").asDouble()).isCloseTo(0.042295, offset(1e-6));
		assertThat(overall.path("halfWidth").asDouble()).isCloseTo(Z * Math.sqrt(0.79 * 0.21 * 1.6 / 570),
				offset(1e-12));
		// (1 − ρ)/k + ρ ≤ 190 · 0.05² / (1.96² · 0.1659) = 0.745…: k = ⌈0.7 / 0.445…⌉ = 2
		assertThat(overall.path("ratingsPerTaskNeeded").asInt()).isEqualTo(2);
		assertThat(plan.path("byCategory").findValuesAsString("category")).containsExactly("creativity",
				"reasoning-over-contexts", "complex-reasoning", "planning", "explanation");
		assertThat(plan.path("byCategory").findValues("items").stream().map(JsonNode::asInt)).containsExactly(26, 26,
				46, 46, 46);
		JsonNode creativity = plan.path("byCategory").path(0);
		assertThat(creativity.path("halfWidth").asDouble()).isCloseTo(Z * Math.sqrt(0.79 * 0.21 * 1.6 / (26 * 3)),
				offset(1e-12));
		// 26 items cannot reach ±0.05 at any k: their own spread leaves 1.96 √(0.3 ·
		// 0.1659 / 26)
		assertThat(creativity.path("ratingsPerTaskNeeded").isNull()).isTrue();
		assertThat(creativity.path("floorHalfWidth").asDouble()).isCloseTo(Z * Math.sqrt(0.3 * 0.79 * 0.21 / 26),
				offset(1e-12));
	}

	@Test
	void anEffectTiesACorrelationAndASubsetChangeThePlanAsStated() {
		Map<String, Object> body = request(Map.of("intraItemCorrelation", 0.1, "tieRate", 0.2, "ratingsPerTask", 5,
				"categories", List.of("planning"), "settings", List.of("zero-shot")));
		body.remove("assumedWinRate");
		body.put("assumedEffect", 0.2);
		JsonNode plan = this.admin.postJson("/api/studies/plan", body).json();
		assertThat(plan.path("assumedWinRate").asDouble()).isCloseTo(0.7, offset(1e-12));
		assertThat(plan.path("overall").path("items").asInt()).isEqualTo(20);
		assertThat(plan.path("byCategory").findValuesAsString("category")).containsExactly("planning");
		// σ² = 0.7 · 0.3 − 0.2 / 4 = 0.16; design effect 1.4
		assertThat(plan.path("overall").path("halfWidth").asDouble()).isCloseTo(Z * Math.sqrt(0.16 * 1.4 / 100),
				offset(1e-12));
	}

	@Test
	void badFieldsAreRefusedWithA400NamingEachField() {
		Map<String, Object> body = request(Map.of("ratingsPerTask", 0, "targetHalfWidth", 0.9, "intraItemCorrelation",
				1.5, "categories", List.of("cooking")));
		body.put("models", List.of("instruction-tuned-demo", "no-such-model"));
		body.put("assumedEffect", 0.1);
		Response response = this.admin.postJson("/api/studies/plan", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("models", "categories",
				"ratingsPerTask", "assumedWinRate", "targetHalfWidth", "intraItemCorrelation");
		assertThat(response.json().path("errors").path(0).path("message").asString()).contains("no-such-model");

		Response noSet = this.admin.postJson("/api/studies/plan", Map.of("models", List.of("a", "b")));
		assertThat(noSet.status()).isEqualTo(400);
		assertThat(noSet.json().path("errors").findValuesAsString("field")).contains("evalSet");

		Response winRate = this.admin.postJson("/api/studies/plan", request(Map.of("assumedWinRate", 1.0)));
		assertThat(winRate.json().path("errors").findValuesAsString("field")).containsExactly("assumedWinRate");

		Response ties = this.admin.postJson("/api/studies/plan", request(Map.of("tieRate", 0.5)));
		assertThat(ties.json().path("errors").findValuesAsString("field")).containsExactly("tieRate");
	}

	@Test
	void aStudysPlanTakesTheCorrelationFromItsOwnPilotJudgments() {
		long study = this.fixture.createOpenStudy(StudyFixture.uniqueName("pilot"),
				Map.of("ratingsPerTask", 2, "categories", List.of("creativity"), "settings", List.of("zero-shot")));
		JsonNode before = this.admin.postJson("/api/studies/" + study + "/plan", Map.of("assumedWinRate", 0.6)).json();
		assertThat(before.path("correlationFrom").asString()).isEqualTo("default");
		assertThat(before.path("pilotTasks").asInt()).isZero();
		assertThat(before.path("ratingsPerTask").asInt()).isEqualTo(2);
		assertThat(before.path("overall").path("items").asInt()).isEqualTo(20);

		List<String> tokens = this.fixture.invite(study, 2, null);
		// Items 1–10: both raters prefer model A; 11–15: both prefer B; 16–20: they
		// split.
		rateAll(tokens.get(0), (item) -> true);
		rateAll(tokens.get(1), (item) -> item <= 10);
		// One-way ANOVA: MSB = 6.875 / 19, MSW = 2.5 / 20, m₀ = 2, so ρ = 90 / 185
		JsonNode after = this.admin.postJson("/api/studies/" + study + "/plan", Map.of("assumedWinRate", 0.6)).json();
		assertThat(after.path("correlationFrom").asString()).isEqualTo("pilot");
		assertThat(after.path("pilotTasks").asInt()).isEqualTo(20);
		assertThat(after.path("intraItemCorrelation").asDouble()).isCloseTo(90.0 / 185, offset(1e-12));

		JsonNode given = this.admin
			.postJson("/api/studies/" + study + "/plan", Map.of("assumedWinRate", 0.6, "intraItemCorrelation", 0.2))
			.json();
		assertThat(given.path("correlationFrom").asString()).isEqualTo("request");
		assertThat(this.admin.postJson("/api/studies/999999/plan", Map.of("assumedWinRate", 0.6)).status())
			.isEqualTo(404);
	}

	/**
	 * Rates every task the rater is given: model A wins items 1–10, B wins 11–15, and on
	 * 16–20 the one {@code prefersAOnSplit} says.
	 */
	private void rateAll(String token, IntPredicate prefersAOnSplit) {
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		while (true) {
			Response next = rater.get("/api/rate/" + token + "/next");
			if (next.status() == 204) {
				return;
			}
			long assignment = next.json().path("assignmentId").asLong();
			Map<String, Object> row = this.jdbc.sql("""
					select a.left_is_a, i.item_key from assignment a join task t on t.id = a.task_id
					join item i on i.id = t.item_id where a.id = ?""").param(assignment).query().singleRow();
			int item = Integer.parseInt(((String) row.get("item_key")).replace("creativity-", ""));
			boolean aWins = item <= 10 || (item > 15 && prefersAOnSplit.test(item));
			boolean leftIsA = (Boolean) row.get("left_is_a");
			Response judged = rater.postJson("/api/rate/" + token + "/judgments",
					Map.of("assignmentId", assignment, "choice", (aWins == leftIsA) ? "1" : "2"));
			assertThat(judged.status()).as(judged.body()).isEqualTo(201);
		}
	}

	private static Map<String, Object> request(Map<String, Object> overrides) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("evalSet", "flan-style-190");
		body.put("models", StudyFixture.DEMO_MODELS);
		body.put("ratingsPerTask", 3);
		body.put("assumedWinRate", 0.79);
		body.putAll(overrides);
		return body;
	}

}
