package dev.pairwise.results;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.results.stats.Interval;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query option (ties, bootstrap, focal model, source) gives the same figures on the
 * page, in the SVG, in the JSON and in results.csv.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FiguresAgreeAcrossFormatsTests {

	private static final List<String> MODELS = List.of("alpha", "beta", "gamma");

	private static final ResultsFormat FORMAT = new ResultsFormat();

	/**
	 * The numbers of one row of a page's win-rate table, from n to the Wilson interval.
	 */
	private static final Pattern PAGE_ROW = Pattern.compile("<td class=\"num\">([^<]*)</td>\\s*"
			+ "<td class=\"num\">([^<]*)</td>\\s*<td class=\"num\">([^<]*)</td>\\s*<td class=\"num\">([^<]*)</td>\\s*"
			+ "<td class=\"num strong\">([^<]*)</td>\\s*<td class=\"num\">([^<]*)</td>\\s*"
			+ "<td class=\"num\">([^<]*)</td>\\s*<td class=\"num\">([^<]*)</td>\\s*<td class=\"num\">([^<]*)</td>");

	private static final Pattern SVG_TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

	@LocalServerPort
	int port;

	HttpTestClient admin;

	StudyFixture fixture;

	long study;

	@BeforeEach
	void studyOfThreeModelsWithTwoSources() {
		this.admin = HttpTestClient.admin(this.port);
		this.fixture = new StudyFixture(this.admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 12; i++) {
			items.put("q" + i,
					new String[] { (i % 2 == 1) ? "writing" : "advice", (i % 3 == 0) ? "few-shot" : "zero-shot" });
		}
		String evalSet = this.fixture.evalSet("formats", items);
		for (String model : MODELS) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, model + " on " + item));
			this.fixture.outputs(evalSet, model, texts);
		}
		this.study = this.fixture.study(evalSet, MODELS);
		assertThat(this.fixture.importJsonl(this.study, "campaign", StudyFixture.syntheticJudgments(MODELS, 12, 150, 7))
			.status()).isEqualTo(201);
		assertThat(this.fixture.importJsonl(this.study, "llm", StudyFixture.syntheticJudgments(MODELS, 12, 90, 8))
			.status()).isEqualTo(201);
	}

	@Test
	void everyQueryOptionGivesTheSameFiguresOnThePageInTheSvgTheJsonAndTheCsv() throws IOException {
		int combinations = 0;
		for (String ties : List.of("half", "exclude")) {
			for (String bootstrap : List.of("", "0", "300")) {
				for (String focal : MODELS) {
					for (String source : List.of("", "import:campaign", "import:llm")) {
						String query = "?ties=" + ties + "&focal=" + focal
								+ (bootstrap.isEmpty() ? "" : "&bootstrap=" + bootstrap)
								+ (source.isEmpty() ? "" : "&source=" + source);
						assertFiguresAgree(query, bootstrap.isEmpty() ? 2000 : Integer.parseInt(bootstrap));
						combinations++;
					}
				}
			}
		}
		assertThat(combinations).isEqualTo(54);
	}

	@Test
	void categoriesAndSettingsFollowTheEvalSetsOrderNotTheAlphabet() {
		JsonNode pair = json("").get("pairs").get(0);
		assertThat(pair.get("byCategory").propertyNames()).containsExactly("writing", "advice");
		assertThat(pair.get("bySetting").propertyNames()).containsExactly("zero-shot", "few-shot");
		String svg = this.admin.get("/studies/" + this.study + "/results.svg").body();
		assertThat(svg.indexOf(">writing<")).isLessThan(svg.indexOf(">advice<"));
	}

	@Test
	void excludingTiesPutsTheWinRateItsErrorAndNOnWinsAndLosses() {
		JsonNode half = json("?ties=half").get("pairs").get(0).get("overall");
		JsonNode excluded = json("?ties=exclude").get("pairs").get(0).get("overall");
		int wins = excluded.get("wins").asInt();
		int losses = excluded.get("losses").asInt();
		assertThat(excluded.get("n").asInt()).isEqualTo(wins + losses).isLessThan(half.get("n").asInt());
		assertThat(excluded.get("winRate").asDouble()).isEqualTo((double) wins / (wins + losses));
		double share = (double) wins / (wins + losses);
		assertThat(excluded.get("standardError").asDouble()).isCloseTo(
				Math.sqrt(share * (1 - share) / (wins + losses - 1)), org.assertj.core.api.Assertions.within(1e-12));
		assertThat(half.get("winRate").asDouble())
			.isEqualTo((wins + 0.5 * half.get("ties").asInt()) / half.get("n").asInt());
	}

	private void assertFiguresAgree(String query, int replicates) throws IOException {
		JsonNode results = json(query);
		assertThat(results.get("bootstrap").asInt()).as(query).isEqualTo(replicates);
		List<JsonNode> focalPairs = new ArrayList<>();
		for (JsonNode pair : results.get("pairs")) {
			if (pair.get("focalModel").asString().equals(results.get("focal").asString())) {
				focalPairs.add(pair);
			}
		}
		assertCsv(query, results);
		assertSvg(query, results, focalPairs);
		assertPage(query, results);
	}

	private void assertCsv(String query, JsonNode results) throws IOException {
		Response response = this.admin.get("/api/studies/" + this.study + "/results.csv" + query);
		assertThat(response.status()).as(query).isEqualTo(200);
		Map<String, CSVRecord> rows = new HashMap<>();
		Map<String, CSVRecord> styleControlled = new HashMap<>();
		for (CSVRecord row : CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(response.body()))) {
			if (row.get("group").equals("style-controlled")) {
				styleControlled.put(row.get("focal_model") + "/" + row.get("term"), row);
				continue;
			}
			rows.put(String.join("/", row.get("focal_model"), row.get("other_model"), row.get("group"),
					row.get("category"), row.get("setting")), row);
			assertThat(row.get("ties_policy")).isEqualTo(results.get("ties").asString());
			assertThat(row.get("bootstrap")).isEqualTo(results.get("bootstrap").asString());
		}
		int expected = 0;
		for (JsonNode pair : results.get("pairs")) {
			String models = pair.get("focalModel").asString() + "/" + pair.get("otherModel").asString();
			assertCsvRow(rows.get(models + "/overall//"), pair.get("overall"), query);
			expected++;
			for (Map.Entry<String, JsonNode> category : pair.get("byCategory").properties()) {
				assertCsvRow(rows.get(models + "/category/" + category.getKey() + "/"), category.getValue(), query);
				expected++;
			}
			for (Map.Entry<String, JsonNode> setting : pair.get("bySetting").properties()) {
				assertCsvRow(rows.get(models + "/setting//" + setting.getKey()), setting.getValue(), query);
				expected++;
			}
			for (Map.Entry<String, JsonNode> category : pair.get("byCategoryAndSetting").properties()) {
				for (Map.Entry<String, JsonNode> cell : category.getValue().properties()) {
					assertCsvRow(rows.get(models + "/category-setting/" + category.getKey() + "/" + cell.getKey()),
							cell.getValue(), query);
					expected++;
				}
			}
		}
		assertThat(rows).hasSize(expected);
		assertStyleControlledRows(styleControlled, results.get("styleControlled"), query);
	}

	/** The style-controlled Elo of each model and each style coefficient, as the JSON. */
	private static void assertStyleControlledRows(Map<String, CSVRecord> rows, JsonNode ranking, String query) {
		int expected = 0;
		for (JsonNode rating : ranking.get("ratings")) {
			CSVRecord row = rows.get(rating.get("model").asString() + "/elo");
			assertThat(row).as(query).isNotNull();
			assertThat(number(row.get("estimate"))).as(query).isEqualTo(number(rating.get("elo")));
			assertThat(number(row.get("bootstrap_low"))).as(query).isEqualTo(bound(rating.get("ci95"), "low"));
			assertThat(number(row.get("bootstrap_high"))).as(query).isEqualTo(bound(rating.get("ci95"), "high"));
			assertThat(row.get("n")).as(query).isEqualTo(ranking.get("comparisons").asString());
			expected++;
		}
		List<String> features = List.of("length", "headers", "bold", "listItems");
		for (int feature = 0; feature < features.size(); feature++) {
			CSVRecord row = rows.get("/" + features.get(feature));
			assertThat(row).as(query).isNotNull();
			assertThat(number(row.get("estimate"))).as(query)
				.isEqualTo(number(ranking.get("coefficients").get(feature)));
			assertThat(number(row.get("bootstrap_low"))).as(query)
				.isEqualTo(bound(ranking.get("coefficientCi95").get(feature), "low"));
			expected++;
		}
		assertThat(rows).as(query).hasSize(expected);
	}

	private static void assertCsvRow(CSVRecord row, JsonNode rate, String query) {
		assertThat(row).as(query).isNotNull();
		assertThat(row.get("n")).as(query).isEqualTo(rate.get("n").asString());
		assertThat(row.get("ties")).as(query).isEqualTo(rate.get("ties").asString());
		assertThat(row.get("both_bad")).as(query).isEqualTo(rate.get("bothBad").asString());
		assertThat(number(row.get("win_rate"))).as(query).isEqualTo(number(rate.get("winRate")));
		assertThat(number(row.get("standard_error"))).as(query).isEqualTo(number(rate.get("standardError")));
		assertThat(number(row.get("bootstrap_low"))).as(query).isEqualTo(bound(rate.get("bootstrap95"), "low"));
		assertThat(number(row.get("bootstrap_high"))).as(query).isEqualTo(bound(rate.get("bootstrap95"), "high"));
		assertThat(number(row.get("wilson_low"))).as(query).isEqualTo(bound(rate.get("wilson95"), "low"));
		assertThat(number(row.get("wilson_high"))).as(query).isEqualTo(bound(rate.get("wilson95"), "high"));
	}

	/** Every value beside a bar and every n, in drawing order, as the JSON gives them. */
	private void assertSvg(String query, JsonNode results, List<JsonNode> focalPairs) {
		Response response = this.admin.get("/studies/" + this.study + "/results.svg" + query);
		assertThat(response.status()).as(query).isEqualTo(200);
		List<String> drawn = new ArrayList<>();
		Matcher texts = SVG_TEXT.matcher(response.body());
		while (texts.find()) {
			String text = texts.group(1);
			if (text.matches("\\d+\\.\\d%.*|n = [\\d,]+")) {
				drawn.add(text);
			}
		}
		List<String> expected = new ArrayList<>();
		JsonNode first = focalPairs.get(0);
		List<JsonNode[]> groups = new ArrayList<>();
		groups.add(focalPairs.stream().map((pair) -> pair.get("overall")).toArray(JsonNode[]::new));
		for (String category : first.get("byCategory").propertyNames()) {
			groups
				.add(focalPairs.stream().map((pair) -> pair.get("byCategory").get(category)).toArray(JsonNode[]::new));
		}
		if (first.get("bySetting").size() > 1) {
			for (String setting : first.get("bySetting").propertyNames()) {
				groups.add(
						focalPairs.stream().map((pair) -> pair.get("bySetting").get(setting)).toArray(JsonNode[]::new));
			}
		}
		for (JsonNode[] group : groups) {
			for (JsonNode rate : group) {
				if (rate == null || rate.get("winRate").isNull()) {
					continue;
				}
				Interval ci = interval(rate.get("bootstrap95"));
				expected.add(String.format(Locale.ROOT, "%.1f%%", rate.get("winRate").asDouble() * 100) + ((ci == null)
						? "" : String.format(Locale.ROOT, " [%.1f, %.1f]", ci.low() * 100, ci.high() * 100)));
				expected.add(String.format(Locale.ROOT, "n = %,d", rate.get("n").asInt()));
			}
		}
		assertThat(drawn).as(query).isEqualTo(expected);
		assertThat(response.body()).as(query)
			.contains(String.format(Locale.ROOT, "n = %,d judgments · B = %,d bootstrap replicates",
					results.get("judgments").asInt(), results.get("bootstrap").asInt()));
	}

	/** Every row of every pair's tables, in page order, as the JSON gives them. */
	private void assertPage(String query, JsonNode results) {
		Response response = this.admin.get("/studies/" + this.study + "/results" + query);
		assertThat(response.status()).as(query).isEqualTo(200);
		String html = response.body();
		List<String> shown = new ArrayList<>();
		Matcher rows = PAGE_ROW.matcher(html.substring(html.indexOf("id=\"win-rates\"")));
		while (rows.find()) {
			shown.add(String.join(" | ", rows.group(1), rows.group(2), rows.group(3), rows.group(4), rows.group(5),
					rows.group(6), rows.group(7), rows.group(8), rows.group(9)));
		}
		List<String> expected = new ArrayList<>();
		for (JsonNode pair : results.get("pairs")) {
			expected.add(pageRow(pair.get("overall")));
			pair.get("byCategory").forEach((rate) -> expected.add(pageRow(rate)));
			if (pair.get("bySetting").size() > 1) {
				pair.get("bySetting").forEach((rate) -> expected.add(pageRow(rate)));
				pair.get("byCategoryAndSetting")
					.forEach((category) -> category.forEach((rate) -> expected.add(pageRow(rate))));
			}
		}
		assertThat(shown).as(query).isEqualTo(expected);
		assertStyleControlledRanking(query, results, html);
		assertThat(html).as(query)
			.contains("name=\"bootstrap\" min=\"0\" max=\"20000\" step=\"1\" value=\""
					+ results.get("bootstrap").asInt() + "\"")
			.contains(String.format(Locale.ROOT, "B = %,d", results.get("bootstrap").asInt()));
	}

	/** The style-controlled ranking of the JSON, row by row in its order on the page. */
	private static void assertStyleControlledRanking(String query, JsonNode results, String html) {
		JsonNode style = results.get("styleControlled");
		assertThat(style.get("ratings")).as(query).hasSize(MODELS.size());
		String section = html.substring(html.indexOf("id=\"style-control\""));
		section = section.substring(0, section.indexOf("</table>")).replaceAll(">\\s+<", "><");
		int at = 0;
		for (JsonNode rating : style.get("ratings")) {
			String row = "<td><code>" + rating.get("model").asString() + "</code></td><td class=\"num\">"
					+ FORMAT.num(number(rating.get("elo")), 0) + "</td><td class=\"num\">"
					+ FORMAT.elo(interval(rating.get("ci95"))) + "</td>";
			assertThat(section.indexOf(row, at)).as(query + " " + row).isGreaterThan(at);
			at = section.indexOf(row, at);
		}
	}

	private static String pageRow(JsonNode rate) {
		return String.join(" | ", FORMAT.count(rate.get("n").asInt()), FORMAT.count(rate.get("wins").asInt()),
				FORMAT.count(rate.get("losses").asInt()),
				FORMAT.count(rate.get("ties").asInt()) + " (" + FORMAT.count(rate.get("bothBad").asInt()) + ")",
				FORMAT.pct(number(rate.get("winRate"))), FORMAT.pct(number(rate.get("winRateExcludingTies"))),
				FORMAT.pct(number(rate.get("standardError"))), FORMAT.ci(interval(rate.get("bootstrap95"))),
				FORMAT.ci(interval(rate.get("wilson95"))));
	}

	private JsonNode json(String query) {
		Response response = this.admin.get("/api/studies/" + this.study + "/results" + query);
		assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
		return response.json();
	}

	private static Double number(String cell) {
		return cell.isEmpty() ? null : Double.valueOf(cell);
	}

	private static Double number(JsonNode value) {
		return (value == null || value.isNull()) ? null : value.asDouble();
	}

	private static Double bound(JsonNode interval, String end) {
		return (interval == null || interval.isNull()) ? null : interval.get(end).asDouble();
	}

	private static Interval interval(JsonNode interval) {
		return (interval == null || interval.isNull()) ? null
				: new Interval(interval.get("low").asDouble(), interval.get("high").asDouble());
	}

}
