package dev.pairwise.importing;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading at the first line longer than a limit, before a reader of lines or
 * records gathers it in memory: a single line of hundreds of megabytes would otherwise
 * end in an OutOfMemoryError.
 */
final class LineLimitReader extends FilterReader {

	private final long maxLine;

	private long lineLength;

	private int line = 1;

	LineLimitReader(Reader reader, long maxLine) {
		super(reader);
		this.maxLine = maxLine;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		if (c >= 0) {
			count((char) c);
		}
		return c;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int read = super.read(buffer, offset, length);
		for (int i = 0; i < read; i++) {
			count(buffer[offset + i]);
		}
		return read;
	}

	private void count(char c) throws LineTooLongException {
		if (c == '\n') {
			this.line++;
			this.lineLength = 0;
		}
		else if (++this.lineLength > this.maxLine) {
			throw new LineTooLongException(this.line);
		}
	}

	/** The line, 1-based, that went over the limit. */
	static final class LineTooLongException extends IOException {

		private final int line;

		LineTooLongException(int line) {
			super("line " + line + " is too long");
			this.line = line;
		}

		int line() {
			return this.line;
		}

	}

}
