package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import dev.pairwise.testsupport.StudyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code judgments.parquet} read back with Parquet's own reader holds, cell for cell,
 * what {@code judgments.csv} holds, in typed columns; on a study rated through the rater
 * API (blind judgments with assignments, oriented as shown) plus imported judgments with
 * empty cells.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JudgmentParquetTests {

	private static final List<String> MODELS = List.of("alpha", "beta", "gamma");

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	@Test
	void parquetExportHoldsTheCsvRowsCellForCellInTypedColumns() throws IOException {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		HttpTestClient anonymous = HttpTestClient.anonymous(this.port);
		StudyFixture fixture = new StudyFixture(admin);
		Map<String, String[]> items = new LinkedHashMap<>();
		for (int i = 1; i <= 4; i++) {
			items.put("q" + i, new String[] { (i % 2 == 0) ? "planning" : "creativity", "zero-shot" });
		}
		String evalSet = fixture.evalSet("parquet", items);
		for (String model : MODELS) {
			Map<String, String> texts = new LinkedHashMap<>();
			items.keySet().forEach((item) -> texts.put(item, "answer of " + model + " to " + item));
			fixture.outputs(evalSet, model, texts);
		}
		long study = fixture.study(evalSet, MODELS);
		assertThat(admin.post("/api/studies/" + study + "/open", "application/json", "").status()).isEqualTo(200);
		String[] choices = { "1", "2", "tie", "both-bad" };
		int judged = 0;
		for (String token : fixture.invite(study, 2, null)) {
			while (true) {
				Response next = anonymous.get("/api/rate/" + token + "/next");
				if (next.status() == 204) {
					break;
				}
				JsonNode task = next.json();
				Response answer = anonymous.postJson("/api/rate/" + token + "/judgments", Map.of("assignmentId",
						task.path("assignmentId").asLong(), "choice", choices[judged++ % choices.length]));
				assertThat(answer.status()).as(answer.body()).isEqualTo(201);
			}
		}
		String imported = StudyFixture
			.line(Map.ofEntries(Map.entry("item_id", "q1"), Map.entry("model_a", "gamma"),
					Map.entry("model_b", "alpha"), Map.entry("winner", "model_b"), Map.entry("judge", "llm"),
					Map.entry("left", "model_b"), Map.entry("fail_a", true), Map.entry("elapsed_ms", 4200),
					Map.entry("reason", "terse, \"quoted\"\nline"), Map.entry("strength", "much"),
					Map.entry("created_at", "2026-03-01T12:00:00.123456Z")))
				+ StudyFixture.line(Map.of("item_id", "q2", "model_a", "beta", "model_b", "alpha", "winner", "tie",
						"judge", "llm"));
		assertThat(fixture.importJsonl(study, "judge", imported).status()).isEqualTo(201);

		List<CSVRecord> csv = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(admin.get("/api/studies/" + study + "/judgments.csv").body()))
			.getRecords();
		Path file = Files.write(this.temp.resolve("judgments.parquet"),
				admin.getBytes("/api/studies/" + study + "/judgments.parquet"));
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
				ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
			MessageType schema = reader.getFooter().getFileMetaData().getSchema();
			assertThat(schema.getFields().stream().map((field) -> field.getName()).toList())
				.isEqualTo(JudgmentCsv.COLUMNS);
			assertThat(schema.getType("fail_a").asPrimitiveType().getPrimitiveTypeName())
				.isEqualTo(PrimitiveTypeName.BOOLEAN);
			assertThat(schema.getType("assignment_id").asPrimitiveType().getPrimitiveTypeName())
				.isEqualTo(PrimitiveTypeName.INT64);
			assertThat(schema.getType("served_at").getLogicalTypeAnnotation())
				.isEqualTo(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
			assertThat(schema.getType("winner").getLogicalTypeAnnotation())
				.isEqualTo(LogicalTypeAnnotation.stringType());
			List<Group> rows = rows(reader, schema);
			assertThat(rows).hasSize(csv.size()).hasSize(4 * 3 * 2 + 2);
			for (int row = 0; row < rows.size(); row++) {
				for (String column : JudgmentCsv.COLUMNS) {
					assertThat(asCsvCell(rows.get(row), schema, column)).as("row " + row + " " + column)
						.isEqualTo(csv.get(row).get(column));
				}
			}
			assertThat(rows.get(0).getBoolean("anony", 0)).isTrue();
			assertThat(rows.get(0).getFieldRepetitionCount("assignment_id")).isEqualTo(1);
			Group last = rows.get(rows.size() - 1);
			assertThat(last.getFieldRepetitionCount("left")).as("empty in the CSV, null here").isZero();
			assertThat(last.getFieldRepetitionCount("elapsed_ms")).isZero();
		}
	}

	private static List<Group> rows(ParquetFileReader reader, MessageType schema) throws IOException {
		List<Group> rows = new ArrayList<>();
		PageReadStore pages;
		while ((pages = reader.readNextRowGroup()) != null) {
			RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
				.getRecordReader(pages, new GroupRecordConverter(schema));
			for (long i = 0; i < pages.getRowCount(); i++) {
				rows.add(records.read());
			}
		}
		return rows;
	}

	/** How judgments.csv writes the typed cell. */
	private static String asCsvCell(Group row, MessageType schema, String column) {
		if (row.getFieldRepetitionCount(column) == 0) {
			return "";
		}
		if (schema.getType(column)
			.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
			return Instant.EPOCH.plus(row.getLong(column, 0), ChronoUnit.MICROS).toString();
		}
		return switch (schema.getType(column).asPrimitiveType().getPrimitiveTypeName()) {
			case BOOLEAN -> String.valueOf(row.getBoolean(column, 0));
			case INT64 -> String.valueOf(row.getLong(column, 0));
			case INT32 -> String.valueOf(row.getInteger(column, 0));
			case DOUBLE -> JudgmentCsv.unixSeconds(Instant.ofEpochMilli(Math.round(row.getDouble(column, 0) * 1000)));
			default -> row.getString(column, 0);
		};
	}

}
