package dev.pairwise.importing;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.util.unit.DataSize;

/**
 * A file being imported: a named byte stream read as strict UTF-8 (invalid bytes are an
 * error at their line, not a replacement character), with an optional byte-order mark
 * skipped and a size limit enforced while reading, so that large files stream instead of
 * being buffered.
 */
public final class Upload {

	private static final int[] UTF8_BOM = { 0xEF, 0xBB, 0xBF };

	private final String fileName;

	private final InputStream input;

	private final DataSize limit;

	private final DataSize maxLine;

	private Upload(String fileName, InputStream input, DataSize limit, DataSize maxLine) {
		this.fileName = fileName;
		this.input = input;
		this.limit = limit;
		this.maxLine = maxLine;
	}

	/**
	 * @param limit the largest upload
	 * @param maxLine the longest line or CSV record, in characters
	 */
	public static Upload of(String fileName, InputStream input, DataSize limit, DataSize maxLine) {
		return new Upload(fileName, input, limit, maxLine);
	}

	/**
	 * The body of an API request; a declared length over the limit is refused before
	 * reading.
	 */
	public static Upload fromRequest(String fileName, HttpServletRequest request, DataSize limit, DataSize maxLine)
			throws IOException {
		if (request.getContentLengthLong() > limit.toBytes()) {
			throw new UploadTooLargeException(fileName, limit);
		}
		return new Upload(fileName, request.getInputStream(), limit, maxLine);
	}

	public String fileName() {
		return this.fileName;
	}

	/** A strict UTF-8 reader over the content, without the byte-order mark. */
	public Reader reader() {
		try {
			InputStream limited = new LimitedInputStream(this.input, this.limit.toBytes());
			return new StrictUtf8Reader(skipByteOrderMark(limited));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Calls the handler with each line and its 1-based number. CR LF and LF both end a
	 * line. Invalid UTF-8 ends the file with an error on the line where it occurs.
	 */
	public void forEachLine(ImportErrors errors, LineHandler handler) {
		int lineNumber = 0;
		try (BufferedReader lines = new BufferedReader(new LineLimitReader(reader(), this.maxLine.toBytes()),
				1 << 16)) {
			String line;
			while ((line = lines.readLine()) != null) {
				lineNumber++;
				handler.handle(lineNumber, line);
			}
		}
		catch (CharacterCodingException ex) {
			throw invalidUtf8(errors, ex);
		}
		catch (LineLimitReader.LineTooLongException ex) {
			throw lineTooLong(errors, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads the content as CSV (RFC 4180) with a header row. Blank lines are skipped, and
	 * a record with more or fewer cells than the header is an error at its line; the line
	 * numbers are those of the file, so a quoted cell that spans lines is reported at the
	 * line where its record starts. A malformed record (an unclosed quote runs to the end
	 * of the file) or invalid UTF-8 ends the file with an error.
	 */
	public void forEachCsvRecord(ImportErrors errors, CsvHandler handler) {
		try (Reader reader = new LineLimitReader(reader(), this.maxLine.toBytes());
				CSVParser csv = CSVFormat.RFC4180.parse(reader)) {
			Iterator<CSVRecord> records = csv.iterator();
			if (!hasNextRecord(records, 1, errors)) {
				errors.add(ImportError.forFile("the file is empty; expected a header row"));
				return;
			}
			List<String> header = records.next().toList().stream().map(String::trim).toList();
			if (!handler.header(header)) {
				return;
			}
			while (true) {
				int line = (int) csv.getCurrentLineNumber() + 1;
				if (!hasNextRecord(records, line, errors)) {
					return;
				}
				CSVRecord record = records.next();
				if (record.size() == 1 && record.get(0).isBlank()) {
					continue;
				}
				if (record.size() != header.size()) {
					errors.add(ImportError.atLine(line, null,
							"expected " + header.size() + " cells as in the header, found " + record.size()));
					continue;
				}
				handler.record(line, record);
			}
		}
		catch (LineLimitReader.LineTooLongException ex) {
			throw lineTooLong(errors, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean hasNextRecord(Iterator<CSVRecord> records, int recordLine, ImportErrors errors) {
		try {
			return records.hasNext();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof CharacterCodingException invalid) {
				throw invalidUtf8(errors, invalid);
			}
			if (ex.getCause() instanceof LineLimitReader.LineTooLongException tooLong) {
				throw lineTooLong(errors, tooLong);
			}
			throw errors.rejectWith(ImportError.atLine(recordLine, null, "invalid CSV: " + ex.getCause().getMessage()));
		}
	}

	private ImportRejectedException lineTooLong(ImportErrors errors, LineLimitReader.LineTooLongException ex) {
		return errors.rejectWith(
				ImportError.atLine(ex.line(), null, "line " + ex.line() + " is longer than " + this.maxLine.toBytes()
						+ " characters (pairwise.uploads.max-line); nothing of the file was imported"));
	}

	/** The error for invalid bytes met while reading, at the line that holds them. */
	public static ImportRejectedException invalidUtf8(ImportErrors errors, CharacterCodingException ex) {
		Integer line = (ex instanceof StrictUtf8Reader.InvalidUtf8Exception invalid) ? invalid.line() : null;
		return errors.rejectWith(new ImportError(line, null, null, "the file is not valid UTF-8"));
	}

	private static InputStream skipByteOrderMark(InputStream input) throws IOException {
		PushbackInputStream pushback = new PushbackInputStream(input, UTF8_BOM.length);
		byte[] head = new byte[UTF8_BOM.length];
		int read = pushback.readNBytes(head, 0, head.length);
		boolean bom = read == UTF8_BOM.length && (head[0] & 0xFF) == UTF8_BOM[0] && (head[1] & 0xFF) == UTF8_BOM[1]
				&& (head[2] & 0xFF) == UTF8_BOM[2];
		if (!bom && read > 0) {
			pushback.unread(head, 0, read);
		}
		return pushback;
	}

	@FunctionalInterface
	public interface LineHandler {

		void handle(int lineNumber, String line);

	}

	private final class LimitedInputStream extends FilterInputStream {

		private final long maxBytes;

		private long count;

		LimitedInputStream(InputStream input, long maxBytes) {
			super(input);
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int value = super.read();
			if (value >= 0) {
				count(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		private void count(int bytes) {
			this.count += bytes;
			if (this.count > this.maxBytes) {
				throw new UploadTooLargeException(Upload.this.fileName, Upload.this.limit);
			}
		}

	}

}
