package dev.pairwise.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 one physical line at a time, strictly, so that invalid bytes are reported
 * with the number of the line that holds them even though readers downstream buffer
 * ahead.
 */
final class StrictUtf8Reader extends Reader {

	private static final int CHUNK = 1 << 16;

	private final InputStream input;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final byte[] chunk = new byte[CHUNK];

	private int chunkPosition;

	private int chunkLimit;

	private byte[] line = new byte[1024];

	private CharBuffer decoded = CharBuffer.allocate(0);

	private int lineNumber;

	private boolean endOfInput;

	StrictUtf8Reader(InputStream input) {
		this.input = input;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (!this.decoded.hasRemaining()) {
			if (this.endOfInput || !decodeNextLine()) {
				return -1;
			}
		}
		int count = Math.min(length, this.decoded.remaining());
		this.decoded.get(buffer, offset, count);
		return count;
	}

	@Override
	public void close() throws IOException {
		this.input.close();
	}

	/**
	 * Reads the next line, terminator included, and decodes it; false at the end of
	 * input.
	 */
	private boolean decodeNextLine() throws IOException {
		int length = 0;
		while (true) {
			if (this.chunkPosition == this.chunkLimit) {
				this.chunkLimit = this.input.read(this.chunk, 0, CHUNK);
				this.chunkPosition = 0;
				if (this.chunkLimit <= 0) {
					this.chunkLimit = 0;
					this.endOfInput = true;
					break;
				}
			}
			int newline = -1;
			for (int i = this.chunkPosition; i < this.chunkLimit; i++) {
				if (this.chunk[i] == '\n') {
					newline = i;
					break;
				}
			}
			int end = (newline >= 0) ? newline + 1 : this.chunkLimit;
			int take = end - this.chunkPosition;
			if (length + take > this.line.length) {
				byte[] larger = new byte[Math.max(this.line.length * 2, length + take)];
				System.arraycopy(this.line, 0, larger, 0, length);
				this.line = larger;
			}
			System.arraycopy(this.chunk, this.chunkPosition, this.line, length, take);
			length += take;
			this.chunkPosition = end;
			if (newline >= 0) {
				break;
			}
		}
		if (length == 0) {
			return false;
		}
		this.lineNumber++;
		try {
			this.decoded = this.decoder.reset().decode(ByteBuffer.wrap(this.line, 0, length));
		}
		catch (CharacterCodingException ex) {
			throw new InvalidUtf8Exception(this.lineNumber);
		}
		return true;
	}

	/** Invalid UTF-8 on a known line (1-based). */
	static final class InvalidUtf8Exception extends CharacterCodingException {

		private final int line;

		InvalidUtf8Exception(int line) {
			this.line = line;
		}

		int line() {
			return this.line;
		}

	}

}
