package dev.pairwise.output;

import java.util.Locale;

/** How an outputs file is laid out. */
enum OutputFormat {

	JSONL, CSV;

	static OutputFormat fromContentType(String contentType) {
		return (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) ? CSV : JSONL;
	}

	static OutputFormat fromFileName(String fileName) {
		return (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) ? CSV : JSONL;
	}

}
