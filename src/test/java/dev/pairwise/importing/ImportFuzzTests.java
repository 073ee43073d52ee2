package dev.pairwise.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to every import: valid JSONL and CSV files corrupted at random
 * (truncation, invalid UTF-8, wrong types, fields too large for the database, duplicated
 * and shuffled lines, stray quotes and brackets, NUL characters, deep nesting). Every
 * answer must be either a 400 whose errors carry line numbers, with nothing of the file
 * stored, or a 201 that stored exactly what the file says, checked against an independent
 * reading of the file. Never a 500, never a partial import.
 * <p>
 * The seed is fixed so that a failure reproduces; {@code -Dpairwise.fuzz.seed=} tries
 * another.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ImportFuzzTests {

	private static final long SEED = Long.getLong("pairwise.fuzz.seed", 20261123L);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> CATEGORIES = List.of("creativity", "planning", "explanation");

	private static final List<String> TEXTS = List.of("Plan a **three-day** trip to Kyoto.", "写一首关于秋天的诗。",
			"Explain why the sky is blue 🌌 in `two` sentences.", "مرحبا بالعالم — right to left",
			"Line one\nLine two\n\n- a list\n- of items", "A \"quoted\" word, a comma, and a\ttab.",
			"<script>alert(1)</script> & =SUM(A1:A9)", "Ünïcödé ✓ with combining é and 🏳️‍🌈");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient admin;

	Random random;

	List<String> applied;

	/** Outcomes by corruption, printed after each test to show what the run covered. */
	Map<String, Map<Integer, Integer>> tally = new java.util.TreeMap<>();

	@org.junit.jupiter.api.AfterEach
	void printTally() {
		System.out.println("Import fuzzing, answers by corruption: " + this.tally);
	}

	@BeforeEach
	void connect() {
		this.admin = HttpTestClient.admin(this.port);
		this.random = new Random(SEED);
	}

	@Test
	void corruptedItemFilesAreRefusedWholeWithLineNumbersOrImportedExactly() {
		int imported = 0;
		for (int n = 0; n < 70; n++) {
			String name = "fuzz-items-" + n;
			byte[] file = mutate(itemsFile(), Format.JSONL);
			Counts before = counts();
			Response response = this.admin.post("/api/eval-sets?name=" + name + "&version=1", "application/x-ndjson",
					file);
			String context = describe(n, file, response);
			if (response.status() == 201) {
				imported++;
				assertItemsStoredExactly(name, file, context);
			}
			else {
				assertRefusedWithLineNumbers(response, file, Format.JSONL, context);
				assertThat(counts()).as(context).isEqualTo(before);
			}
		}
		// Some corruptions leave a valid file (a cut at a line end, a BOM, CRLF...).
		assertThat(imported).isBetween(3, 60);
	}

	@Test
	void corruptedJsonlOutputFilesAreRefusedWholeWithLineNumbersOrImportedExactly() {
		int imported = 0;
		for (int n = 0; n < 70; n++) {
			String model = "fuzz-jsonl-" + n;
			byte[] file = mutate(outputsJsonl(), Format.JSONL);
			Counts before = counts();
			Response response = this.admin.post("/api/eval-sets/flan-style-190/outputs?model=" + model,
					"application/x-ndjson", file);
			String context = describe(n, file, response);
			if (response.status() == 201) {
				imported++;
				Map<String, String> expected = new LinkedHashMap<>();
				for (JsonNode line : jsonLines(file, context)) {
					expected.put(model + "/" + line.path("item_id").asString(), line.path("output").asString());
				}
				assertOutputsStoredExactly(expected, before, context);
			}
			else {
				assertRefusedWithLineNumbers(response, file, Format.JSONL, context);
				assertThat(counts()).as(context).isEqualTo(before);
			}
		}
		assertThat(imported).isBetween(3, 60);
	}

	@Test
	void corruptedCsvOutputFilesInBothFormsAreRefusedWholeWithLineNumbersOrImportedExactly() {
		int imported = 0;
		for (int n = 0; n < 80; n++) {
			boolean wide = n % 2 == 0;
			String prefix = "fuzz-csv-" + n;
			byte[] file = mutate(wide ? outputsCsvWide(prefix) : outputsCsvLong(prefix), Format.CSV);
			Counts before = counts();
			Response response = this.admin.post("/api/eval-sets/flan-style-190/outputs", "text/csv", file);
			String context = describe(n, file, response);
			if (response.status() == 201) {
				imported++;
				assertOutputsStoredExactly(csvOutputs(file, context), before, context);
			}
			else {
				assertRefusedWithLineNumbers(response, file, Format.CSV, context);
				assertThat(counts()).as(context).isEqualTo(before);
			}
		}
		assertThat(imported).isBetween(3, 70);
	}

	@Test
	void corruptedJudgmentImportsInBothFormsAreRefusedWholeWithLineNumbersOrImportedExactly() {
		Response study = this.admin.postJson("/api/studies", Map.of("name", "fuzzed judgments", "evalSet",
				"flan-style-190", "models", List.of("instruction-tuned-demo", "base-demo")));
		assertThat(study.status()).isEqualTo(201);
		long id = study.json().path("id").asLong();
		int imported = 0;
		for (int n = 0; n < 60; n++) {
			boolean csv = n % 2 == 1;
			String source = "fuzz-" + n;
			byte[] file = mutate(csv ? judgmentsCsv() : judgmentsJsonl(), csv ? Format.CSV : Format.JSONL,
					judgmentCorruptions(csv));
			Counts before = counts();
			Response response = this.admin.post("/api/studies/" + id + "/judgments?source=" + source,
					csv ? "text/csv" : "application/x-ndjson", file);
			String context = describe(n, file, response);
			if (response.status() == 201) {
				imported++;
				assertJudgmentsStoredExactly(id, "import:" + source, csv ? csvJudgments(file, context)
						: jsonLines(file, context).stream().map(ImportFuzzTests::judgmentOf).toList(), context);
			}
			else {
				assertRefusedWithLineNumbers(response, file, csv ? Format.CSV : Format.JSONL, context);
				assertThat(counts()).as(context).isEqualTo(before);
			}
		}
		assertThat(imported).isBetween(3, 50);
	}

	// The valid files the corruptions start from.

	private byte[] itemsFile() {
		StringBuilder file = new StringBuilder();
		for (int i = 1; i <= 12; i++) {
			ObjectNode item = JSON.createObjectNode();
			item.put("id", "q" + i);
			item.put("category", CATEGORIES.get(i % CATEGORIES.size()));
			item.put("setting", (i % 4 == 0) ? "few-shot" : "zero-shot");
			item.put("prompt", TEXTS.get(i % TEXTS.size()) + " #" + i);
			if (i % 4 == 0) {
				ObjectNode exemplar = item.putArray("exemplars").addObject();
				exemplar.put("input", "Example in " + i);
				exemplar.put("output", "Example out " + i);
			}
			if (i == 7) {
				item.put("setting", "zero-shot-cot");
				item.put("variant_of", "q6");
			}
			file.append(item).append('\n');
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

	private byte[] outputsJsonl() {
		StringBuilder file = new StringBuilder();
		for (int i = 1; i <= 12; i++) {
			ObjectNode output = JSON.createObjectNode();
			output.put("item_id", String.format("creativity-%02d", i));
			output.put("output", TEXTS.get((i + 3) % TEXTS.size()) + " (" + i + ")");
			output.putObject("meta").put("temperature", 0.7).put("sample", i);
			file.append(output).append('\n');
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

	private byte[] outputsCsvLong(String prefix) {
		StringBuilder file = new StringBuilder("item_id,model,output\r\n");
		for (int i = 1; i <= 12; i++) {
			file.append(String.format("planning-%02d", i))
				.append(',')
				.append(prefix)
				.append((i % 2 == 0) ? "-a" : "-b")
				.append(',')
				.append(quote(TEXTS.get(i % TEXTS.size()) + " " + i))
				.append("\r\n");
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

	private byte[] outputsCsvWide(String prefix) {
		StringBuilder file = new StringBuilder("item_id," + prefix + "-a," + prefix + "-b\n");
		for (int i = 1; i <= 12; i++) {
			file.append(String.format("explanation-%02d", i))
				.append(',')
				.append(quote(TEXTS.get(i % TEXTS.size())))
				.append(',')
				.append((i % 5 == 0) ? "" : quote(TEXTS.get((i + 1) % TEXTS.size()) + " " + i))
				.append('\n');
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static final List<String> WINNERS = List.of("model_a", "model_b", "tie", "tie (bothbad)");

	private byte[] judgmentsJsonl() {
		StringBuilder file = new StringBuilder();
		for (int i = 1; i <= 12; i++) {
			ObjectNode judgment = JSON.createObjectNode();
			judgment.put("item_id", String.format("planning-%02d", i));
			judgment.put("model_a", "instruction-tuned-demo");
			judgment.put("model_b", "base-demo");
			judgment.put("winner", WINNERS.get(i % WINNERS.size()));
			judgment.put("judge", "judge-" + (i % 3));
			judgment.put("left", (i % 2 == 0) ? "model_a" : "model_b");
			judgment.put("fail_a", i % 5 == 0);
			judgment.put("reason", TEXTS.get(i % TEXTS.size()));
			judgment.put("elapsed_ms", 1000 * i);
			judgment.put("created_at", "2026-03-0" + (1 + i % 9) + "T12:00:00Z");
			file.append(judgment).append('\n');
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

	private byte[] judgmentsCsv() {
		StringBuilder file = new StringBuilder(
				"study,item_id,category,setting,model_a,model_b,winner,judge,left,fail_a,fail_b,strength,reason,"
						+ "elapsed_ms,created_at,source\r\n");
		for (int i = 1; i <= 12; i++) {
			file.append(String.join(",", "elsewhere", String.format("planning-%02d", i), "planning", "zero-shot",
					"instruction-tuned-demo", "base-demo", quote(WINNERS.get(i % WINNERS.size())), "judge-" + (i % 3),
					(i % 2 == 0) ? "model_a" : "", String.valueOf(i % 5 == 0), "false", "",
					quote(TEXTS.get(i % TEXTS.size())), String.valueOf(1000 * i),
					"2026-03-0" + (1 + i % 9) + "T12:00:00Z", "raters"))
				.append("\r\n");
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Values a judgment's fields must be checked for, on top of the general corruptions.
	 */
	private List<Corruption> judgmentCorruptions(boolean csv) {
		List<String> extremes = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
				"294277-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-02-30T12:00:00Z", "99999999999999999999", "-1",
				"9223372036854775807", "model_c", "tie (bothbad) ", "creativity-01\u0000", "");
		return List.of(new Corruption("extreme value", (file) -> csv ? onRandomLine(file, (line) -> {
			List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
			if (cells.size() < 15) {
				return line;
			}
			int at = List.of(1, 6, 8, 9, 13, 14).get(this.random.nextInt(6));
			cells.set(at, quote(extremes.get(this.random.nextInt(extremes.size())).replace("\\u0000", "\u0000")));
			return String.join(",", cells);
		}) : onRandomJsonLine(file, (line) -> {
			String field = List.of("item_id", "winner", "left", "fail_a", "elapsed_ms", "created_at")
				.get(this.random.nextInt(6));
			line.put(field, extremes.get(this.random.nextInt(extremes.size())).replace("\\u0000", "\u0000"));
			return line.toString();
		})));
	}

	// Corruptions.

	enum Format {

		JSONL, CSV

	}

	/**
	 * One to three corruptions, each chosen at random; their names are kept in
	 * {@link #applied} for the failure message and the tally.
	 */
	private byte[] mutate(byte[] file, Format format) {
		return mutate(file, format, List.of());
	}

	private byte[] mutate(byte[] file, Format format, List<Corruption> extra) {
		this.applied = new ArrayList<>();
		List<Corruption> corruptions = new ArrayList<>(corruptions(format));
		for (int i = 0; i < 4; i++) {
			corruptions.addAll(extra);
		}
		byte[] mutated = file;
		int rounds = 1 + this.random.nextInt(3);
		for (int round = 0; round < rounds; round++) {
			Corruption corruption = corruptions.get(this.random.nextInt(corruptions.size()));
			this.applied.add(corruption.name());
			mutated = corruption.apply().apply(mutated);
		}
		return mutated;
	}

	private List<Corruption> corruptions(Format format) {
		List<Corruption> all = new ArrayList<>(List.of(new Corruption("truncate", this::truncate),
				new Corruption("truncate at a line end", this::truncateAtLineEnd),
				new Corruption("invalid UTF-8", this::invalidUtf8),
				new Corruption("duplicate line", this::duplicateLine), new Corruption("swap lines", this::swapLines),
				new Corruption("drop line", this::dropLine), new Corruption("stray character", this::strayCharacter),
				new Corruption("raw NUL", this::rawNul), new Corruption("CRLF and BOM", this::crlfAndBom),
				new Corruption("blank lines", this::blankLines), new Corruption("empty file", this::emptyFile)));
		if (format == Format.JSONL) {
			all.addAll(List.of(new Corruption("huge field", this::hugeJsonField),
					new Corruption("wrong type", this::wrongType), new Corruption("wrong type", this::wrongType),
					new Corruption("escaped NUL", this::escapedNul), new Corruption("deep nesting", this::deepNesting),
					new Corruption("duplicate id", this::duplicateIdInOtherLine),
					new Corruption("missing field", this::lineWithoutField)));
		}
		else {
			all.addAll(List.of(new Corruption("huge field", this::hugeCsvCell),
					new Corruption("extra cell", this::extraCell), new Corruption("missing cell", this::missingCell),
					new Corruption("unbalanced quote", this::unbalancedQuote),
					new Corruption("header again", this::duplicateHeader)));
		}
		return all;
	}

	private byte[] truncate(byte[] file) {
		return java.util.Arrays.copyOf(file, this.random.nextInt(Math.max(1, file.length)));
	}

	private byte[] truncateAtLineEnd(byte[] file) {
		List<String> lines = lines(file);
		return join(lines.subList(0, this.random.nextInt(lines.size() + 1)));
	}

	private byte[] invalidUtf8(byte[] file) {
		byte[][] sequences = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xE2, (byte) 0x82 } };
		return insert(file, this.random.nextInt(file.length + 1), sequences[this.random.nextInt(sequences.length)]);
	}

	private byte[] duplicateLine(byte[] file) {
		List<String> lines = new ArrayList<>(lines(file));
		if (lines.isEmpty()) {
			return file;
		}
		lines.add(this.random.nextInt(lines.size() + 1), lines.get(this.random.nextInt(lines.size())));
		return join(lines);
	}

	private byte[] swapLines(byte[] file) {
		List<String> lines = new ArrayList<>(lines(file));
		if (lines.size() < 2) {
			return file;
		}
		java.util.Collections.swap(lines, this.random.nextInt(lines.size()), this.random.nextInt(lines.size()));
		return join(lines);
	}

	private byte[] dropLine(byte[] file) {
		List<String> lines = new ArrayList<>(lines(file));
		if (lines.isEmpty()) {
			return file;
		}
		lines.remove(this.random.nextInt(lines.size()));
		return join(lines);
	}

	private byte[] strayCharacter(byte[] file) {
		String stray = List.of("\"", "{", "}", "[", ",", ":", "\\", "\n", "\r", "'").get(this.random.nextInt(10));
		return insert(file, this.random.nextInt(file.length + 1), stray.getBytes(StandardCharsets.UTF_8));
	}

	private byte[] rawNul(byte[] file) {
		return insert(file, this.random.nextInt(file.length + 1), new byte[] { 0 });
	}

	private byte[] crlfAndBom(byte[] file) {
		String text = new String(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
		return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
	}

	private byte[] blankLines(byte[] file) {
		List<String> lines = new ArrayList<>(lines(file));
		lines.add(this.random.nextInt(lines.size() + 1), "   ");
		lines.add(this.random.nextInt(lines.size() + 1), "");
		return join(lines);
	}

	/** A string value longer than any text column takes (1,000,000 characters). */
	private byte[] hugeJsonField(byte[] file) {
		return onRandomJsonLine(file, (line) -> {
			List<String> fields = new ArrayList<>(line.propertyNames());
			line.put(fields.get(this.random.nextInt(fields.size())), huge());
			return line.toString();
		});
	}

	private byte[] hugeCsvCell(byte[] file) {
		return onRandomLine(file,
				(line) -> line.contains(",") ? line.substring(0, line.lastIndexOf(',') + 1) + quote(huge()) : line);
	}

	private String huge() {
		return "x".repeat(1_000_001 + this.random.nextInt(200_000));
	}

	private byte[] emptyFile(byte[] file) {
		return List.of(new byte[0], "\n\n".getBytes(), "\uFEFF".getBytes(StandardCharsets.UTF_8), " \r\n".getBytes())
			.get(this.random.nextInt(4));
	}

	private byte[] wrongType(byte[] file) {
		return onRandomJsonLine(file, (line) -> {
			List<String> fields = new ArrayList<>(line.propertyNames());
			String field = fields.get(this.random.nextInt(fields.size()));
			switch (this.random.nextInt(6)) {
				case 0 -> line.put(field, this.random.nextInt(1000) - 500);
				case 1 -> line.putArray(field).add("a").add(2);
				case 2 -> line.putObject(field).put("nested", true);
				case 3 -> line.put(field, true);
				case 4 -> line.putNull(field);
				default -> line.put(field, "   ");
			}
			return line.toString();
		});
	}

	private byte[] escapedNul(byte[] file) {
		return onRandomJsonLine(file, (line) -> {
			List<String> fields = new ArrayList<>(line.propertyNames());
			String field = fields.get(this.random.nextInt(fields.size()));
			line.put(field, "before\u0000after");
			return line.toString();
		});
	}

	private byte[] deepNesting(byte[] file) {
		return onRandomJsonLine(file, (line) -> {
			String deep = "[".repeat(5000) + "]".repeat(5000);
			return line.toString().replaceFirst("\\{", "{\"meta\":" + deep + ",").replace("\"meta\":{", "\"m\":{");
		});
	}

	private byte[] duplicateIdInOtherLine(byte[] file) {
		List<String> lines = new ArrayList<>(lines(file));
		if (lines.size() < 2) {
			return file;
		}
		try {
			JsonNode first = JSON.readTree(lines.get(0));
			String key = first.has("id") ? "id" : "item_id";
			ObjectNode other = (ObjectNode) JSON.readTree(lines.get(lines.size() - 1));
			other.set(key, first.get(key));
			lines.set(lines.size() - 1, other.toString());
		}
		catch (RuntimeException ex) {
			return file;
		}
		return join(lines);
	}

	private byte[] lineWithoutField(byte[] file) {
		return onRandomJsonLine(file, (line) -> {
			List<String> fields = new ArrayList<>(line.propertyNames());
			line.remove(fields.get(this.random.nextInt(fields.size())));
			return line.toString();
		});
	}

	private byte[] extraCell(byte[] file) {
		return onRandomLine(file, (line) -> line + ",extra");
	}

	private byte[] missingCell(byte[] file) {
		return onRandomLine(file, (line) -> line.contains(",") ? line.substring(0, line.lastIndexOf(',')) : line);
	}

	private byte[] unbalancedQuote(byte[] file) {
		return onRandomLine(file, (line) -> line.replaceFirst(",", ",\"open "));
	}

	private byte[] duplicateHeader(byte[] file) {
		List<String> lines = new ArrayList<>(lines(file));
		if (lines.isEmpty()) {
			return file;
		}
		lines.add(1 + this.random.nextInt(lines.size()), lines.get(0));
		return join(lines);
	}

	private byte[] onRandomJsonLine(byte[] file, Function<ObjectNode, String> change) {
		return onRandomLine(file, (line) -> {
			try {
				JsonNode node = JSON.readTree(line);
				return (node instanceof ObjectNode object && !object.isEmpty()) ? change.apply(object) : line;
			}
			catch (RuntimeException ex) {
				return line;
			}
		});
	}

	private byte[] onRandomLine(byte[] file, Function<String, String> change) {
		List<String> lines = new ArrayList<>(lines(file));
		if (lines.isEmpty()) {
			return file;
		}
		int at = this.random.nextInt(lines.size());
		lines.set(at, change.apply(lines.get(at)));
		return join(lines);
	}

	// Checking the answer.

	/**
	 * A 400 whose every error names its line, unless the file has nothing to point at: no
	 * line with content (JSONL), or none after the header (CSV).
	 */
	private void assertRefusedWithLineNumbers(Response response, byte[] file, Format format, String context) {
		assertThat(response.status()).as(context).isEqualTo(400);
		assertThat(response.contentType()).as(context).startsWith("application/problem+json");
		JsonNode errors = response.json().path("errors");
		assertThat(errors.isArray() && !errors.isEmpty()).as(context).isTrue();
		List<String> lines = lines(file);
		boolean hasContent = lines.stream()
			.skip((format == Format.CSV) ? 1 : 0)
			.anyMatch((line) -> !line.replace("\uFEFF", "").isBlank());
		int lineCount = lines.size() + 1;
		for (JsonNode error : errors) {
			assertThat(error.path("message").asString()).as(context).isNotBlank();
			if (hasContent) {
				assertThat(error.path("line").isInt()).as(context + ": every error names its line").isTrue();
				assertThat(error.path("line").asInt()).as(context).isBetween(1, lineCount);
			}
		}
	}

	private void assertItemsStoredExactly(String name, byte[] file, String context) {
		List<JsonNode> lines = jsonLines(file, context);
		List<Map<String, Object>> stored = this.jdbc.sql("""
				select i.item_key, i.category, i.setting, i.prompt from item i join eval_set s on s.id = i.eval_set_id
				where s.name = ? order by i.position""").param(name).query().listOfRows();
		assertThat(stored).as(context).hasSize(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			JsonNode line = lines.get(i);
			Map<String, Object> row = stored.get(i);
			assertThat(row.values()).as(context)
				.containsExactly(line.path("id").asString(), line.path("category").asString(),
						line.path("setting").asString(), line.path("prompt").asString());
		}
	}

	private void assertOutputsStoredExactly(Map<String, String> expected, Counts before, String context) {
		assertThat(counts().outputs()).as(context).isEqualTo(before.outputs() + expected.size());
		expected.forEach((key, text) -> {
			String[] modelAndItem = key.split("/", 2);
			String stored = this.jdbc.sql("""
					select o.text from output o join model m on m.id = o.model_id join item i on i.id = o.item_id
					join eval_set s on s.id = i.eval_set_id
					where s.name = 'flan-style-190' and m.name = ? and i.item_key = ?""")
				.params(modelAndItem[0], modelAndItem[1])
				.query(String.class)
				.single();
			assertThat(stored).as(context + ": " + key).isEqualTo(text);
		});
	}

	/** A judgment as item, winner, judge and reason, the way the export writes them. */
	private static List<String> judgmentOf(JsonNode line) {
		return List.of(line.path("item_id").asString(), exportWinner(line.path("winner").asString()),
				line.path("judge").asString(), line.path("reason").asString(""));
	}

	private static String exportWinner(String winner) {
		return winner.equals("both-bad") ? "tie (bothbad)" : winner;
	}

	private static List<List<String>> csvJudgments(byte[] file, String context) {
		List<List<String>> judgments = new ArrayList<>();
		try {
			List<CSVRecord> records = CSVFormat.RFC4180.builder()
				.setHeader()
				.get()
				.parse(new StringReader(decode(file, context).replaceFirst("^\uFEFF", "")))
				.getRecords();
			for (CSVRecord record : records) {
				if (record.size() == 1 && record.get(0).isBlank()) {
					continue;
				}
				judgments.add(List.of(record.get("item_id"), exportWinner(record.get("winner")), record.get("judge"),
						record.get("reason")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(context, ex);
		}
		return judgments;
	}

	private void assertJudgmentsStoredExactly(long study, String source, List<List<String>> expected, String context) {
		List<List<String>> stored = this.jdbc.sql("""
				select i.item_key, j.winner, j.judge, j.reason from judgment j join item i on i.id = j.item_id
				where j.study_id = ? and j.source = ? order by j.id""")
			.params(study, source)
			.query((rs, row) -> List.of(rs.getString(1), exportWinner(rs.getString(2)), rs.getString(3),
					(rs.getString(4) != null) ? rs.getString(4) : ""))
			.list();
		assertThat(stored).as(context).containsExactlyElementsOf(expected);
	}

	/** The file's JSON lines, read independently of the app: strict UTF-8, BOM, CRLF. */
	private static List<JsonNode> jsonLines(byte[] file, String context) {
		List<JsonNode> nodes = new ArrayList<>();
		for (String line : strictLines(file, context)) {
			if (!line.isBlank()) {
				nodes.add(JSON.readTree(line));
			}
		}
		return nodes;
	}

	/**
	 * The outputs a valid CSV file holds, by "model/item", read independently of the app.
	 */
	private static Map<String, String> csvOutputs(byte[] file, String context) {
		Map<String, String> outputs = new LinkedHashMap<>();
		try {
			List<CSVRecord> records = CSVFormat.RFC4180
				.parse(new StringReader(decode(file, context).replaceFirst("^\uFEFF", "")))
				.getRecords();
			List<String> header = records.get(0).toList();
			boolean wide = !header.get(1).trim().equalsIgnoreCase("model");
			for (CSVRecord record : records.subList(1, records.size())) {
				if (record.size() == 1 && record.get(0).isBlank()) {
					continue;
				}
				if (wide) {
					for (int i = 1; i < header.size(); i++) {
						if (!record.get(i).isEmpty()) {
							outputs.put(header.get(i).trim() + "/" + record.get(0), record.get(i));
						}
					}
				}
				else {
					outputs.put(record.get(1) + "/" + record.get(0), record.get(2));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(context, ex);
		}
		return outputs;
	}

	private static List<String> strictLines(byte[] file, String context) {
		String text = decode(file, context);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
		}
		return lines;
	}

	private static String decode(byte[] file, String context) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new AssertionError(context + ": imported although it is not valid UTF-8", ex);
		}
	}

	private Counts counts() {
		return new Counts(count("eval_set"), count("item"), count("model"), count("output"), count("judgment"));
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	private String describe(int n, byte[] file, Response response) {
		for (String name : this.applied) {
			this.tally.computeIfAbsent(name, (key) -> new java.util.TreeMap<>())
				.merge(response.status(), 1, Integer::sum);
		}
		String text = new String(file, StandardCharsets.UTF_8);
		String shown = (text.length() > 600) ? text.substring(0, 300) + " ... " + text.substring(text.length() - 300)
				: text;
		String body = (response.body().length() > 600) ? response.body().substring(0, 600) : response.body();
		return "seed " + SEED + ", case " + n + " (" + this.applied + "), " + file.length + " bytes: " + shown
				+ "\n  answered " + response.status() + ": " + body;
	}

	private static List<String> lines(byte[] file) {
		String text = new String(file, StandardCharsets.ISO_8859_1);
		if (text.isEmpty()) {
			return List.of();
		}
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		if (lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines.stream()
			.map((line) -> new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
			.toList();
	}

	private static byte[] join(List<String> lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String line : lines) {
			out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
		return out.toByteArray();
	}

	private static byte[] insert(byte[] file, int at, byte[] bytes) {
		byte[] result = new byte[file.length + bytes.length];
		System.arraycopy(file, 0, result, 0, at);
		System.arraycopy(bytes, 0, result, at, bytes.length);
		System.arraycopy(file, at, result, at + bytes.length, file.length - at);
		return result;
	}

	private static String quote(String cell) {
		return "\"" + cell.replace("\"", "\"\"") + "\"";
	}

	record Counts(int evalSets, int items, int models, int outputs, int judgments) {
	}

	record Corruption(String name, Function<byte[], byte[]> apply) {
	}

}
