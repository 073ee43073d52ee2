package dev.pairwise.evalset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.pairwise.markdown.MarkdownRenderer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the composition of eval-sets/flan-style-190 exactly as DESIGN.md "The bundled
 * set" specifies.
 */
class BundledEvalSetTests {

	private static final Path SET = Path.of("eval-sets/flan-style-190");

	private static final List<String> CATEGORIES = List.of("creativity", "reasoning-over-contexts", "complex-reasoning",
			"planning", "explanation");

	private static final List<String> COT_CATEGORIES = List.of("complex-reasoning", "planning", "explanation");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(\\d+[.)]|[-*])\\s");

	@Test
	void declaresItsCategoriesAndSaysTheOutputsAreHandWritten() throws IOException {
		JsonNode set = JSON.readTree(SET.resolve("set.json").toFile());
		assertThat(set.path("name").asString()).isEqualTo("flan-style-190");
		List<String> categories = new ArrayList<>();
		set.path("categories").forEach((category) -> categories.add(category.asString()));
		assertThat(categories).containsExactlyElementsOf(CATEGORIES);
		assertThat(set.path("description").asString()).contains(
				"are hand-written illustrations of the behaviours the paper reports, not generations of any model");
	}

	@Test
	void hasTwentyZeroShotItemsPerCategoryWithSequentialIds() throws IOException {
		List<JsonNode> items = items();
		assertThat(items).hasSize(190);
		for (String category : CATEGORIES) {
			List<String> ids = items.stream()
				.filter((item) -> item.path("setting").asString().equals("zero-shot")
						&& item.path("category").asString().equals(category))
				.map((item) -> item.path("id").asString())
				.toList();
			List<String> expected = new ArrayList<>();
			for (int i = 1; i <= 20; i++) {
				expected.add(String.format("%s-%02d", category, i));
			}
			assertThat(ids).as(category).containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	@Test
	void hasOneChainOfThoughtVariantPerComplexReasoningPlanningAndExplanationItem() throws IOException {
		List<JsonNode> items = items();
		Map<String, JsonNode> byId = new HashMap<>();
		items.forEach((item) -> byId.put(item.path("id").asString(), item));
		Map<String, Integer> perCategory = new TreeMap<>();
		Set<String> triggers = new HashSet<>();
		for (JsonNode item : items) {
			if (!item.path("setting").asString().equals("zero-shot-cot")) {
				continue;
			}
			String id = item.path("id").asString();
			String base = item.path("variant_of").asString();
			assertThat(id).isEqualTo(base + "-cot");
			JsonNode baseItem = byId.get(base);
			assertThat(baseItem).as(id + " points to its base").isNotNull();
			assertThat(baseItem.path("setting").asString()).isEqualTo("zero-shot");
			assertThat(item.path("category").asString()).isEqualTo(baseItem.path("category").asString());
			String prompt = item.path("prompt").asString();
			String basePrompt = baseItem.path("prompt").asString();
			assertThat(prompt).as(id + " starts with its base prompt").startsWith(basePrompt);
			String trigger = prompt.substring(basePrompt.length()).strip();
			assertThat(trigger).as(id + " adds a trigger phrase").isNotEmpty();
			triggers.add(trigger);
			perCategory.merge(item.path("category").asString(), 1, Integer::sum);
		}
		assertThat(perCategory).isEqualTo(Map.of("complex-reasoning", 20, "explanation", 20, "planning", 20));
		assertThat(triggers).as("trigger wording varies").hasSizeGreaterThanOrEqualTo(6);
		for (String category : COT_CATEGORIES) {
			for (int i = 1; i <= 20; i++) {
				assertThat(byId).containsKey(String.format("%s-%02d-cot", category, i));
			}
		}
	}

	@Test
	void hasSixFewShotItemsPerCategoryWithTwoToFiveExemplars() throws IOException {
		Map<String, Integer> perCategory = new TreeMap<>();
		for (JsonNode item : items()) {
			if (!item.path("setting").asString().equals("few-shot")) {
				assertThat(item.has("exemplars")).as(item.path("id").asString() + " has no exemplars").isFalse();
				continue;
			}
			int exemplars = item.path("exemplars").size();
			assertThat(exemplars).as(item.path("id").asString()).isBetween(2, 5);
			item.path("exemplars").forEach((exemplar) -> {
				assertThat(exemplar.path("input").asString()).isNotBlank();
				assertThat(exemplar.path("output").asString()).isNotBlank();
			});
			perCategory.merge(item.path("category").asString(), 1, Integer::sum);
		}
		assertThat(perCategory).hasSize(5).allSatisfy((category, count) -> assertThat(count).isEqualTo(6));
	}

	@Test
	void eachDemoOutputSetCoversEveryItemOnceAndIsMarkedIllustrative() throws IOException {
		Set<String> ids = new HashSet<>();
		items().forEach((item) -> ids.add(item.path("id").asString()));
		for (String model : List.of("instruction-tuned-demo", "base-demo")) {
			List<JsonNode> outputs = lines(SET.resolve("outputs/" + model + ".jsonl"));
			Set<String> covered = new HashSet<>();
			for (JsonNode output : outputs) {
				assertThat(covered.add(output.path("item_id").asString())).as(model + " has one output per item")
					.isTrue();
				assertThat(output.path("output").asString()).isNotBlank();
				assertThat(output.path("meta").path("illustrative").asBoolean()).isTrue();
				assertThat(output.path("meta").path("written_by").asString()).isEqualTo("hand");
			}
			assertThat(covered).as(model).isEqualTo(ids);
		}
	}

	@Test
	void reasoningOverContextsPromptsCarryAPassage() throws IOException {
		for (JsonNode item : items()) {
			if (item.path("category").asString().equals("reasoning-over-contexts")
					&& item.path("setting").asString().equals("zero-shot")) {
				int words = item.path("prompt").asString().split("\\s+").length;
				assertThat(words).as(item.path("id").asString()).isGreaterThanOrEqualTo(80);
			}
		}
	}

	@Test
	void aPromptThatEndsInProseAfterAListRendersItOutsideTheList() throws IOException {
		MarkdownRenderer markdown = new MarkdownRenderer();
		for (JsonNode item : items()) {
			String prompt = item.path("prompt").asString();
			String lastLine = prompt.substring(prompt.lastIndexOf('\n') + 1);
			if (!LIST_ITEM.matcher(lastLine).find()) {
				assertThat(markdown.render(prompt).strip()).as(item.path("id").asString())
					.doesNotEndWith("</ol>")
					.doesNotEndWith("</ul>");
			}
		}
	}

	private static List<JsonNode> items() throws IOException {
		return lines(SET.resolve("items.jsonl"));
	}

	private static List<JsonNode> lines(Path file) throws IOException {
		List<JsonNode> nodes = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			if (!line.isBlank()) {
				nodes.add(JSON.readTree(line));
			}
		}
		return nodes;
	}

}
