package dev.pairwise.rating;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.MtBenchFiles;
import dev.pairwise.testsupport.MtBenchStudy;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 21 done as its issue says: a study with three criteria over MT-Bench's own files
 * (the 80 questions; GPT-4's answers and two models made from them) runs through the real
 * app. A rater answers tasks, a second turn among them, with the keyboard in a real
 * browser, two raters answer the rest through the rater API, each criterion answered by a
 * simulated preference of its own; every criterion's results have their exact counts, CIs
 * and a Bradley–Terry ranking in the criterion's order; and pandas reads the exports with
 * one column (CSV) or one record (JSON Lines) per criterion. Screenshots at 1440x900 and
 * 390x844 go to target/screenshots/criteria-mt-bench.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class CriteriaOverMtBenchEndToEndIT {

	private static final String OVERALL = "overall";

	private static final String TIE = "tie";

	/** The third model: each of GPT-4's answers cut to its first paragraph. */
	private static final String SHORT = "gpt-4-first-paragraph";

	private static final List<String> MODELS = List.of(MtBenchStudy.FIRST, MtBenchStudy.SECOND, SHORT);

	private static final List<String> CRITERIA = List.of("correctness", "helpfulness", "style");

	/** Each criterion's simulated preference: the models from best to worst. */
	private static final Map<String, List<String>> PREFERENCE = Map.of("correctness",
			List.of(MtBenchStudy.FIRST, MtBenchStudy.SECOND, SHORT), "helpfulness",
			List.of(MtBenchStudy.FIRST, SHORT, MtBenchStudy.SECOND), "style",
			List.of(SHORT, MtBenchStudy.FIRST, MtBenchStudy.SECOND));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final Random random = new Random(21);

	/**
	 * Every answer given, in the task's terms: the winning model or tie, by criterion.
	 */
	private final List<Judged> judged = new ArrayList<>();

	@Test
	void threeCriteriaOverMtBenchAreJudgedByKeyboardAndEachHasItsFiguresRankingAndExportColumn()
			throws IOException, InterruptedException {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		long study = openStudy(admin);
		int tasks = this.jdbc.sql("select count(*) from task where study_id = ?")
			.param(study)
			.query(Integer.class)
			.single();
		assertThat(tasks).as("30 questions answered, two turns each, three model pairs").isEqualTo(180);
		List<String> tokens = new StudyFixture(admin).invite(study, 2, null);

		judgeInTheBrowser(tokens.get(0));
		judgeTheRestThroughTheApi(tokens);
		assertThat(this.judged).hasSize(tasks);

		for (String criterion : CRITERIA) {
			assertFigures(admin, study, criterion);
		}
		assertFigures(admin, study, OVERALL);
		JsonNode disagreement = results(admin, study, OVERALL).get("criteria");
		for (int i = 0; i < CRITERIA.size(); i++) {
			String criterion = CRITERIA.get(i);
			assertThat(disagreement.get(i).get("criterion").asString()).isEqualTo(criterion);
			assertThat(disagreement.get(i).get("judgments").asInt()).isEqualTo(tasks);
			assertThat(disagreement.get(i).get("disagreeing").asInt()).as(criterion)
				.isEqualTo((int) this.judged.stream()
					.filter((answer) -> !answer.winners().get(criterion).equals(answer.winners().get(OVERALL)))
					.count());
		}
		lookAtTheResultsPage(study);
		assertPandasReadsOneColumnPerCriterion(admin, study);
	}

	private long openStudy(HttpTestClient admin) {
		String evalSet = MtBenchStudy.evalSet(admin);
		String answers = MtBenchFiles.gpt4Answers();
		Response gpt4 = admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs", answers);
		assertThat(gpt4.status()).as(gpt4.body()).isEqualTo(201);
		Response upper = admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs?model=" + MtBenchStudy.SECOND,
				MtBenchStudy.transformedAnswers(answers));
		assertThat(upper.status()).as(upper.body()).isEqualTo(201);
		Response shortened = admin.postJsonl("/api/eval-sets/" + evalSet + "/outputs?model=" + SHORT,
				MtBenchStudy.transformedAnswers(answers, (text) -> text.strip().split("\n\n", 2)[0]));
		assertThat(shortened.status()).as(shortened.body()).isEqualTo(201);
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("name", StudyFixture.uniqueName("mt-bench-criteria"));
		command.put("evalSet", evalSet);
		command.put("models", MODELS);
		command.put("ratingsPerTask", 1);
		command.put("attentionCheckRate", 0);
		command.put("tooFastSeconds", 0);
		command.put("overall", "asked");
		command.put("criteria",
				List.of(Map.of("id", "correctness", "label", "Which response is more correct?", "labelZh", "哪个回答更正确？",
						"help", "Facts, arithmetic and *logic*."),
						Map.of("id", "helpfulness", "label", "Which response helps the user more?"),
						Map.of("id", "style", "label", "Which response is better written?")));
		Response created = admin.postJson("/api/studies", command);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long study = created.json().path("id").asLong();
		assertThat(admin.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		return study;
	}

	/**
	 * Answers tasks with the keyboard only, each criterion row and then the overall
	 * choice, until a second turn and at least two tasks are answered; screenshots of the
	 * first second turn.
	 */
	private void judgeInTheBrowser(String token) {
		try (Browser browser = Browser.open(this.port, "criteria-mt-bench")) {
			browser.size(1440, 900);
			browser.get("/r/" + token + "/task");
			boolean secondTurnJudged = false;
			for (int answered = 0; !secondTurnJudged || answered < 2; answered++) {
				assertThat(answered).as("a second turn among the first ten tasks (half the tasks are)").isLessThan(10);
				long assignment = assignmentOf(browser);
				Judged answer = simulate(assignment);
				boolean secondTurn = !browser.findAll("[data-conversation]").isEmpty();
				assertThat(browser.findAll("fieldset[data-criterion]")).hasSize(3);
				assertThat(browser.find("[data-criterion='correctness']").getAttribute("class")).contains("active");
				for (String criterion : CRITERIA) {
					browser.keys(key(answer.asSeen(criterion)));
				}
				browser.keys(key(answer.asSeen(OVERALL)));
				for (String criterion : CRITERIA) {
					assertThat(browser
						.find("input[name='criterion." + criterion + "'][value='" + answer.asSeen(criterion) + "']")
						.isSelected()).as(criterion).isTrue();
				}
				assertThat(browser.find("input[name=choice][value='" + answer.asSeen(OVERALL) + "']").isSelected())
					.isTrue();
				if (secondTurn && !secondTurnJudged) {
					assertThat(browser.findAll(".chat-split .chat-side")).hasSize(2);
					browser.screenshot("second-turn-three-criteria-1440x900");
					browser.size(390, 844);
					browser.screenshot("second-turn-three-criteria-390x844");
					browser.size(1440, 900);
				}
				browser.keys(Keys.ENTER);
				browser.waitUntil("the next task",
						(b) -> !b.findAll("form#answer").isEmpty() && assignmentOf(b) != assignment);
				this.judged.add(answer);
				secondTurnJudged |= secondTurn;
			}
			browser.assertNothingRan();
		}
	}

	/**
	 * The raters answer every task left through the rater API (the browser's rater first
	 * the task it holds), until neither is given another.
	 */
	private void judgeTheRestThroughTheApi(List<String> tokens) {
		HttpTestClient rater = HttpTestClient.anonymous(this.port);
		List<String> active = new ArrayList<>(tokens);
		for (int turn = 0; !active.isEmpty(); turn++) {
			String token = active.get(turn % active.size());
			Response next = rater.get("/api/rate/" + token + "/next");
			if (next.status() == 204) {
				active.remove(token);
				continue;
			}
			long assignment = next.json().path("assignmentId").asLong();
			Judged answer = simulate(assignment);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("assignmentId", assignment);
			body.put("choice", answer.asSeen(OVERALL));
			body.put("elapsedMs", 4000);
			Map<String, String> criteria = new LinkedHashMap<>();
			CRITERIA.forEach((criterion) -> criteria.put(criterion, answer.asSeen(criterion)));
			body.put("criteria", criteria);
			Response judgedNow = rater.postJson("/api/rate/" + token + "/judgments", body);
			assertThat(judgedNow.status()).as(judgedNow.body()).isEqualTo(201);
			this.judged.add(answer);
		}
	}

	/**
	 * A rater's answer to an assignment: per criterion, the model that criterion prefers
	 * wins 65% of the time, ties 15% and loses 20%; the overall choice is the model more
	 * criteria chose, a tie when as many chose each.
	 */
	private Judged simulate(long assignment) {
		Map<String, Object> task = this.jdbc
			.sql("""
					select ma.name as model_a, mb.name as model_b, a.left_is_a from assignment a join task t on t.id = a.task_id
					join model ma on ma.id = t.model_a_id join model mb on mb.id = t.model_b_id where a.id = ?""")
			.param(assignment)
			.query((rs, row) -> Map.<String, Object>of("a", rs.getString("model_a"), "b", rs.getString("model_b"),
					"leftIsA", rs.getBoolean("left_is_a")))
			.single();
		String modelA = (String) task.get("a");
		String modelB = (String) task.get("b");
		Map<String, String> winners = new LinkedHashMap<>();
		int forA = 0;
		int forB = 0;
		for (String criterion : CRITERIA) {
			List<String> order = PREFERENCE.get(criterion);
			String better = (order.indexOf(modelA) < order.indexOf(modelB)) ? modelA : modelB;
			String worse = better.equals(modelA) ? modelB : modelA;
			double draw = this.random.nextDouble();
			String winner = (draw < 0.65) ? better : (draw < 0.8) ? TIE : worse;
			winners.put(criterion, winner);
			forA += winner.equals(modelA) ? 1 : 0;
			forB += winner.equals(modelB) ? 1 : 0;
		}
		winners.put(OVERALL, (forA > forB) ? modelA : (forB > forA) ? modelB : TIE);
		boolean leftIsA = (Boolean) task.get("leftIsA");
		return new Judged(modelA, modelB, leftIsA ? modelA : modelB, winners);
	}

	/**
	 * One criterion's results (or the overall ones): each pair's counts are the answers'
	 * and its win rate theirs, with both CIs around it; the Bradley–Terry ranking orders
	 * the models as the criterion's preference, each rating inside its CI, mean 1000.
	 */
	private void assertFigures(HttpTestClient admin, long study, String criterion) {
		JsonNode results = results(admin, study, criterion);
		assertThat(results.get("judgments").asInt()).isEqualTo(this.judged.size());
		assertThat(results.get("pairs")).hasSize(3);
		for (JsonNode pair : results.get("pairs")) {
			String focal = pair.get("focalModel").asString();
			String other = pair.get("otherModel").asString();
			List<Judged> between = this.judged.stream()
				.filter((answer) -> List.of(answer.modelA(), answer.modelB()).containsAll(List.of(focal, other)))
				.toList();
			long wins = between.stream().filter((answer) -> answer.winners().get(criterion).equals(focal)).count();
			long losses = between.stream().filter((answer) -> answer.winners().get(criterion).equals(other)).count();
			JsonNode overall = pair.get("overall");
			String what = criterion + " " + focal + " vs " + other;
			assertThat(overall.get("n").asInt()).as(what).isEqualTo(between.size()).isEqualTo(60);
			assertThat(overall.get("wins").asLong()).as(what).isEqualTo(wins);
			assertThat(overall.get("losses").asLong()).as(what).isEqualTo(losses);
			assertThat(overall.get("ties").asLong()).as(what).isEqualTo(between.size() - wins - losses);
			double winRate = (wins + 0.5 * (between.size() - wins - losses)) / between.size();
			assertThat(overall.get("winRate").asDouble()).as(what).isCloseTo(winRate, within(1e-12));
			for (String interval : List.of("bootstrap95", "wilson95")) {
				assertThat(overall.get(interval).get("low").asDouble()).as(what + " " + interval).isLessThan(winRate);
				assertThat(overall.get(interval).get("high").asDouble()).as(what + " " + interval)
					.isGreaterThan(winRate);
			}
		}
		JsonNode ratings = results.get("ranking").get("ratings");
		List<String> order = new ArrayList<>();
		double sum = 0;
		for (JsonNode rating : ratings) {
			order.add(rating.get("model").asString());
			double elo = rating.get("elo").asDouble();
			sum += elo;
			assertThat(rating.get("ci95").get("low").asDouble()).as(criterion).isLessThan(elo);
			assertThat(rating.get("ci95").get("high").asDouble()).as(criterion).isGreaterThan(elo);
		}
		assertThat(sum / ratings.size()).isCloseTo(1000, within(1e-6));
		if (!criterion.equals(OVERALL)) {
			assertThat(order).as(criterion + " ranking").isEqualTo(PREFERENCE.get(criterion));
		}
	}

	private JsonNode results(HttpTestClient admin, long study, String criterion) {
		Response response = admin
			.get("/api/studies/" + study + "/results" + (criterion.equals(OVERALL) ? "" : "?criterion=" + criterion));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode results = response.json();
		assertThat(results.get("criterion").isNull() ? OVERALL : results.get("criterion").asString())
			.isEqualTo(criterion);
		return results;
	}

	/**
	 * The admin's results page of one criterion: the selector names it, the ranking is
	 * its own.
	 */
	private void lookAtTheResultsPage(long study) {
		try (Browser browser = Browser.open(this.port, "criteria-mt-bench")) {
			browser.size(1440, 900);
			browser.signIn();
			browser.get("/studies/" + study + "/results?criterion=style");
			assertThat(browser.find("select[name=criterion] option[selected]").getAttribute("value"))
				.isEqualTo("style");
			assertThat(browser.findAll("#ranking")).hasSize(1);
			assertThat(browser.text("#ranking ~ .table-scroll table tbody tr td code")).isEqualTo(SHORT);
			assertThat(browser.findAll(".criteria-summary [data-criterion]")).hasSize(3);
			browser.screenshot("results-style-1440x900");
			browser.script("document.getElementById('ranking').scrollIntoView();");
			browser.screenshot("results-style-ranking-1440x900");
			browser.size(390, 844);
			browser.script("window.scrollTo(0, 0);");
			browser.screenshot("results-style-390x844");
		}
	}

	/**
	 * pandas reads judgments.csv with a {@code winner_<criterion>} column per criterion
	 * and judgments.jsonl with a record per criterion, each with the answers' counts.
	 */
	private void assertPandasReadsOneColumnPerCriterion(HttpTestClient admin, long study)
			throws IOException, InterruptedException {
		Path folder = Files.createDirectories(Path.of("target", "criteria-mt-bench"));
		Path csv = folder.resolve("judgments.csv");
		Path jsonl = folder.resolve("judgments.jsonl");
		Files.writeString(csv, admin.get("/api/studies/" + study + "/judgments.csv").body());
		Files.writeString(jsonl, admin.get("/api/studies/" + study + "/judgments.jsonl").body());
		JsonNode read = pandas(csv, jsonl);

		JsonNode table = read.get("csv");
		assertThat(table.get("rows").asInt()).isEqualTo(this.judged.size());
		List<String> columns = new ArrayList<>();
		table.get("columns").forEach((column) -> columns.add(column.asString()));
		assertThat(columns).endsWith("turn", "winner_correctness", "winner_helpfulness", "winner_style");
		JsonNode records = read.get("jsonl");
		assertThat(records.get("rows").asInt()).as("an overall record and one per criterion for each judgment")
			.isEqualTo(4 * this.judged.size());
		for (String criterion : CRITERIA) {
			assertThat(counts(table.get("wins").get("winner_" + criterion))).as(criterion).isEqualTo(tally(criterion));
			assertThat(counts(records.get("wins").get(criterion))).as(criterion).isEqualTo(tally(criterion));
		}
		assertThat(counts(table.get("wins").get("winner"))).isEqualTo(tally(OVERALL));
		assertThat(counts(records.get("wins").get(OVERALL))).isEqualTo(tally(OVERALL));
	}

	/** How many answers each model won, and how many were ties, for one criterion. */
	private Map<String, Integer> tally(String criterion) {
		Map<String, Integer> tally = new TreeMap<>();
		this.judged.forEach((answer) -> tally.merge(answer.winners().get(criterion), 1, Integer::sum));
		return tally;
	}

	private static Map<String, Integer> counts(JsonNode counts) {
		Map<String, Integer> map = new TreeMap<>();
		counts.properties().forEach((entry) -> map.put(entry.getKey(), entry.getValue().asInt()));
		return map;
	}

	private static JsonNode pandas(Path csv, Path jsonl) throws IOException, InterruptedException {
		String python = pythonWithPandas();
		Process process = new ProcessBuilder(python, "src/test/python/criteria_columns.py", csv.toString(),
				jsonl.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return JSON.readTree(output);
	}

	/** The first python3 that imports pandas (PATH's, then Debian's). */
	private static String pythonWithPandas() throws InterruptedException {
		for (String candidate : List.of("python3", "/usr/bin/python3")) {
			try {
				Process probe = new ProcessBuilder(candidate, "-c", "import pandas").redirectErrorStream(true).start();
				probe.getInputStream().readAllBytes();
				if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
					return candidate;
				}
			}
			catch (IOException ex) {
				// not installed under this name; try the next
			}
		}
		Assumptions.abort("no python3 with pandas (Debian: python3-pandas)");
		return null;
	}

	private static String key(String choice) {
		return choice.equals(TIE) ? "3" : choice;
	}

	private static long assignmentOf(Browser browser) {
		return Long.parseLong(browser.find("form#answer input[name=assignmentId]").getAttribute("value"));
	}

	/**
	 * One answer: the task's models, the one shown on the left, and per criterion and
	 * {@code overall} the winning model or {@code tie}.
	 */
	private record Judged(String modelA, String modelB, String left, Map<String, String> winners) {

		/** The answer as the rater gives it: "1" for the left response, "2", or "tie". */
		String asSeen(String criterion) {
			String winner = this.winners.get(criterion);
			return winner.equals(TIE) ? TIE : winner.equals(this.left) ? "1" : "2";
		}

	}

}
