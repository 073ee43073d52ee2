package dev.pairwise.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

/**
 * A real, tiny language model with exact log-probabilities: characters given the
 * {@value #ORDER}-1 characters before them, with add-one smoothing over the characters
 * seen in training. Trained on the prompts of the bundled eval set. Each character is a
 * token; a sample ends after a full stop (finish reason "stop") or at the token limit
 * ("length").
 */
final class CharNgramModel {

	static final int ORDER = 3;

	private static final char START = '\u0002';

	private final List<Character> vocabulary;

	private final Map<String, Map<Character, Integer>> counts = new HashMap<>();

	private final Map<String, Integer> totals = new HashMap<>();

	private CharNgramModel(String text) {
		TreeSet<Character> seen = new TreeSet<>();
		// Halves of surrogate pairs are no characters of their own: a sample holding one
		// alone would not survive UTF-8.
		String padded = String.valueOf(START).repeat(ORDER - 1) + text.codePoints()
			.filter(Character::isBmpCodePoint)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
		for (int i = ORDER - 1; i < padded.length(); i++) {
			char next = padded.charAt(i);
			seen.add(next);
			String context = padded.substring(i - ORDER + 1, i);
			this.counts.computeIfAbsent(context, (key) -> new HashMap<>()).merge(next, 1, Integer::sum);
			this.totals.merge(context, 1, Integer::sum);
		}
		this.vocabulary = List.copyOf(seen);
	}

	/** Trained on every prompt of eval-sets/flan-style-190, one per line. */
	static CharNgramModel trainedOnTheBundledPrompts() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		StringBuilder text = new StringBuilder();
		for (String line : Files.readAllLines(Path.of("eval-sets/flan-style-190/items.jsonl"))) {
			if (!line.isBlank()) {
				text.append(json.readTree(line).path("prompt").asString()).append('\n');
			}
		}
		return new CharNgramModel(text.toString());
	}

	/** log P(next | context), context being the text before it. */
	double logprob(String before, char next) {
		String context = context(before);
		int count = this.counts.getOrDefault(context, Map.of()).getOrDefault(next, 0);
		int total = this.totals.getOrDefault(context, 0);
		return Math.log((count + 1.0) / (total + this.vocabulary.size()));
	}

	/** The sum of the tokens' log-probabilities of a continuation of {@code prompt}. */
	double totalLogprob(String prompt, String continuation) {
		double sum = 0;
		String before = context(prompt);
		for (char next : continuation.toCharArray()) {
			sum += logprob(before, next);
			before = context(before + next);
		}
		return sum;
	}

	/**
	 * Samples a continuation at the temperature: each character drawn with probability
	 * proportional to P^(1/T). Returns the tokens with their log-probabilities (under the
	 * model itself, as endpoints report them) and the finish reason.
	 */
	Sample sample(String prompt, double temperature, int maxTokens, Random random) {
		StringBuilder text = new StringBuilder();
		double[] logprobs = new double[maxTokens];
		String before = context(prompt);
		String finish = "length";
		int n = 0;
		while (n < maxTokens) {
			double[] weights = new double[this.vocabulary.size()];
			double sum = 0;
			for (int i = 0; i < weights.length; i++) {
				double logprob = logprob(before, this.vocabulary.get(i));
				weights[i] = (temperature == 0) ? 0 : Math.exp(logprob / temperature);
				sum += weights[i];
			}
			double draw = random.nextDouble() * sum;
			int chosen = weights.length - 1;
			for (int i = 0; i < weights.length; i++) {
				draw -= weights[i];
				if (draw < 0) {
					chosen = i;
					break;
				}
			}
			char next = this.vocabulary.get(chosen);
			logprobs[n++] = logprob(before, next);
			text.append(next);
			before = context(before + next);
			if (next == '.') {
				finish = "stop";
				break;
			}
		}
		return new Sample(text.toString(), java.util.Arrays.copyOf(logprobs, n), finish);
	}

	private static String context(String before) {
		String padded = String.valueOf(START).repeat(ORDER - 1) + before;
		return padded.substring(padded.length() - ORDER + 1);
	}

	record Sample(String text, double[] tokenLogprobs, String finishReason) {
	}

}
