package dev.pairwise.results;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real PandaLM human-annotated test set (999 items, 5 models in 10 pairs, 3
 * annotators), loaded through the API as an eval set, outputs, a study and imported
 * judgments; its published Cohen's kappas and majority label distribution come back out
 * of the app's results and judgment export.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PandaLmThroughTheApiTests {

	private static final Path FILE = Path.of(System.getProperty("pairwise.shared", "../shared"))
		.resolve("data/pandalm/testset-v1.json");

	@LocalServerPort
	int port;

	@Test
	void reproducesThePublishedKappasAndMajorityLabelDistribution() throws IOException {
		assumeTrue(Files.isRegularFile(FILE), () -> "PandaLM test set not found at " + FILE.toAbsolutePath()
				+ " (set -Dpairwise.shared to the shared folder)");
		JsonNode rows = JsonMapper.builder().build().readTree(FILE);
		assertThat(rows.size()).isEqualTo(999);
		HttpTestClient admin = HttpTestClient.admin(this.port);
		StudyFixture fixture = new StudyFixture(admin);

		StringBuilder itemLines = new StringBuilder();
		Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
		StringBuilder judgments = new StringBuilder();
		TreeSet<String> models = new TreeSet<>();
		for (JsonNode row : rows) {
			String id = row.get("idx").asString();
			String input = row.get("input").asString();
			String prompt = row.get("instruction").asString() + (input.isEmpty() ? "" : "\n\n" + input);
			itemLines.append(StudyFixture.line(Map.of("id", id, "category", row.get("motivation_app").asString(),
					"setting", "zero-shot", "prompt", prompt)));
			String[] pair = row.get("cmp_key").asString().split("_");
			models.add(pair[0]);
			models.add(pair[1]);
			// A handful of responses are empty or not text at all; the judgments of those
			// items still count, they simply have no stored output.
			addOutput(outputs, pair[0], id, row.get("response1"));
			addOutput(outputs, pair[1], id, row.get("response2"));
			for (String annotator : List.of("annotator1", "annotator2", "annotator3")) {
				String winner = switch (row.get(annotator).asInt()) {
					case 1 -> "model_a";
					case 2 -> "model_b";
					default -> "tie";
				};
				judgments.append(StudyFixture.line(Map.of("item_id", id, "model_a", pair[0], "model_b", pair[1],
						"winner", winner, "judge", annotator)));
			}
		}
		String evalSet = StudyFixture.uniqueName("pandalm");
		Response created = admin.postJsonl("/api/eval-sets?name=" + evalSet + "&version=1", itemLines.toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		outputs.forEach((model, texts) -> fixture.outputs(evalSet, model, texts));
		// Every cmp_key names its models in name order, so the study lists them so too:
		// each pair is then seen from response1's model, as the published kappas are.
		long study = fixture.study(evalSet, List.copyOf(models));
		Response imported = fixture.importJsonl(study, "pandalm", judgments.toString());
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().get("judgments").asInt()).isEqualTo(2997);

		Response results = admin.get("/api/studies/" + study + "/results?bootstrap=200");
		assertThat(results.status()).as(results.body()).isEqualTo(200);
		Map<String, String> kappas = new HashMap<>();
		for (JsonNode kappa : results.json().get("studyWide").get("agreement").get("cohenKappaByRaterPair")) {
			assertThat(kappa.get("shared").asInt()).isEqualTo(999);
			kappas.put(kappa.get("raterA").asString() + "&" + kappa.get("raterB").asString(),
					String.format("%.2f", kappa.get("cohenKappa").asDouble()));
		}
		assertThat(kappas).isEqualTo(Map.of("annotator1&annotator2", "0.85", "annotator1&annotator3", "0.88",
				"annotator2&annotator3", "0.86"));
		assertThat(results.json().get("ranking").get("ratings").size()).isEqualTo(5);
		assertThat(results.json().get("pairs").size()).isEqualTo(10);

		Response export = admin.get("/api/studies/" + study + "/judgments.csv");
		assertThat(export.status()).isEqualTo(200);
		assertThat(majorityLabels(export.body())).isEqualTo(Map.of("tie", 105, "model_a", 422, "model_b", 472));
	}

	private static void addOutput(Map<String, Map<String, String>> outputs, String model, String item,
			JsonNode response) {
		if (response.isString() && !response.asString().isBlank()) {
			outputs.computeIfAbsent(model, (name) -> new LinkedHashMap<>()).put(item, response.asString());
		}
	}

	/** Per item, the label most of its judgments carry; counted over items. */
	private static Map<String, Integer> majorityLabels(String csv) throws IOException {
		Map<String, List<String>> labels = new LinkedHashMap<>();
		for (CSVRecord record : CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))) {
			labels.computeIfAbsent(record.get("item_id"), (item) -> new ArrayList<>()).add(record.get("winner"));
		}
		assertThat(labels).hasSize(999);
		Map<String, Integer> distribution = new HashMap<>();
		for (List<String> itemLabels : labels.values()) {
			Map<String, Integer> counts = new HashMap<>();
			itemLabels.forEach((label) -> counts.merge(label, 1, Integer::sum));
			String majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
			assertThat(counts.get(majority)).as("a majority of three").isGreaterThanOrEqualTo(2);
			distribution.merge(majority, 1, Integer::sum);
		}
		return distribution;
	}

}
