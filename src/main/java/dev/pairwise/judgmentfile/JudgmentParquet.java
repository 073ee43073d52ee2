package dev.pairwise.judgmentfile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The judgment export as Apache Parquet, for pandas, Polars and Hugging Face datasets:
 * the rows and columns of {@link JudgmentCsv}, typed. Counts and ids are 64-bit integers,
 * the flags booleans, {@code created_at} and {@code served_at} UTC timestamps in
 * microseconds, {@code tstamp} Unix seconds as a double (Chatbot Arena's type), the rest
 * UTF-8 strings; a cell the CSV leaves empty is null. Strings are stored as written, with
 * none of the CSV's spreadsheet-formula guard, since no spreadsheet opens this file. The
 * file is dictionary-encoded but not compressed: Parquet's compression codecs need
 * Hadoop's whole configuration stack at run time.
 */
final class JudgmentParquet implements AutoCloseable {

	private final ParquetWriter<Group> writer;

	private final SimpleGroupFactory rows;

	private final String study;

	/**
	 * The study's criteria add one {@code winner_<criterion>} column each, as in the CSV.
	 */
	JudgmentParquet(OutputStream out, String study, List<String> criteria) {
		MessageType schema = schema(criteria);
		this.rows = new SimpleGroupFactory(schema);
		try {
			this.writer = ExampleParquetWriter.builder(new StreamOutputFile(out))
				.withConf(new PlainParquetConfiguration())
				.withType(schema)
				.withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.study = study;
	}

	/** Writes one judgment as its rater saw it, like {@link JudgmentCsv#write}. */
	void write(ExportRow stored) {
		ExportRow row = stored.asShown();
		Group group = this.rows.newGroup();
		string(group, "study", this.study);
		string(group, "item_id", row.itemId());
		string(group, "category", row.category());
		string(group, "setting", row.setting());
		string(group, JudgmentCsv.MODEL_A, row.modelA());
		string(group, JudgmentCsv.MODEL_B, row.modelB());
		string(group, "winner", row.winner().arena());
		string(group, "judge", row.judge());
		string(group, "left",
				(row.leftIsA() == null) ? null : (row.leftIsA() ? JudgmentCsv.MODEL_A : JudgmentCsv.MODEL_B));
		group.append("fail_a", row.failA());
		group.append("fail_b", row.failB());
		string(group, "strength", row.strength());
		string(group, "reason", row.reason());
		if (row.elapsedMs() != null) {
			group.append("elapsed_ms", row.elapsedMs());
		}
		group.append("created_at", micros(row.createdAt()));
		string(group, "source", row.source());
		group.append("tstamp", row.createdAt().toEpochMilli() / 1000.0);
		group.append("anony", row.anonymous());
		if (row.assignmentId() != null) {
			group.append("assignment_id", row.assignmentId());
		}
		if (row.servedAt() != null) {
			group.append("served_at", micros(row.servedAt()));
		}
		string(group, JudgmentCsv.ATTENTION_CHECK, row.attention() ? JudgmentCsv.attentionCheck(row) : null);
		group.append("excluded", row.excluded());
		group.append("turn", row.turn());
		row.criteria()
			.forEach((answer) -> string(group, JudgmentCsv.CRITERION_PREFIX + answer.criterion(),
					(answer.winner() != null) ? answer.winner().arena() : null));
		try {
			this.writer.write(group);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes the footer; the file is incomplete before. */
	@Override
	public void close() {
		try {
			this.writer.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void string(Group group, String column, String value) {
		if (value != null) {
			group.append(column, value);
		}
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	private static MessageType schema(List<String> criteria) {
		Types.MessageTypeBuilder message = Types.buildMessage();
		List<String> columns = new ArrayList<>(JudgmentCsv.COLUMNS);
		criteria.forEach((criterion) -> columns.add(JudgmentCsv.CRITERION_PREFIX + criterion));
		for (String column : columns) {
			switch (column) {
				case "fail_a", "fail_b", "anony", "excluded" ->
					message.required(PrimitiveTypeName.BOOLEAN).named(column);
				case "elapsed_ms", "assignment_id" ->
					message.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, true)).named(column);
				case "created_at",
						"served_at" ->
					message
						.primitive(PrimitiveTypeName.INT64,
								column.equals("created_at") ? Repetition.REQUIRED : Repetition.OPTIONAL)
						.as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
						.named(column);
				case "tstamp" -> message.required(PrimitiveTypeName.DOUBLE).named(column);
				case "turn" -> message.required(PrimitiveTypeName.INT32).named(column);
				default ->
					message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column);
			}
		}
		return message.named("judgment");
	}

	/**
	 * Parquet writes front to back, so a response stream that counts its bytes will do.
	 */
	private record StreamOutputFile(OutputStream out) implements OutputFile {

		@Override
		public PositionOutputStream create(long blockSizeHint) {
			return createOrOverwrite(blockSizeHint);
		}

		@Override
		public PositionOutputStream createOrOverwrite(long blockSizeHint) {
			return new PositionOutputStream() {

				private long position;

				@Override
				public long getPos() {
					return this.position;
				}

				@Override
				public void write(int b) throws IOException {
					StreamOutputFile.this.out.write(b);
					this.position++;
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					StreamOutputFile.this.out.write(bytes, offset, length);
					this.position += length;
				}

				@Override
				public void flush() throws IOException {
					StreamOutputFile.this.out.flush();
				}

			};
		}

		@Override
		public boolean supportsBlockSize() {
			return false;
		}

		@Override
		public long defaultBlockSize() {
			return 0;
		}

	}

}
