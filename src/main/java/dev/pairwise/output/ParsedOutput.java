package dev.pairwise.output;

/** One output read from a file, with where it came from for error messages. */
record ParsedOutput(int line, Integer column, String itemKey, String model, String text, String metaJson) {
}
