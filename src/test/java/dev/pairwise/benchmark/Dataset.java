package dev.pairwise.benchmark;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Synthetic eval sets of any size with outputs of realistic length: prompts of a few
 * hundred characters and responses of about a kilobyte with Markdown, code and non-ASCII
 * text, generated from a seed so every run uploads the same bytes.
 */
final class Dataset {

	static final String[] CATEGORIES = { "creativity", "reasoning-over-contexts", "complex-reasoning", "planning",
			"explanation" };

	private static final String[] SETTINGS = { "zero-shot", "zero-shot-cot" };

	private static final String[] WORDS = { "the", "model", "answer", "plan", "because", "first", "then", "result",
			"context", "budget", "constraint", "step", "reason", "explains", "carefully", "données", "résumé", "naïve",
			"计划", "推理", "解释", "🙂", "therefore", "however", "consider", "option", "trade-off", "estimate" };

	private Dataset() {
	}

	static String itemKey(int item) {
		return String.format("item-%06d", item);
	}

	/** Items JSONL: {@code items} lines. */
	static byte[] items(int items, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		StringBuilder jsonl = new StringBuilder(items * 400);
		for (int item = 0; item < items; item++) {
			jsonl.append("{\"id\":\"")
				.append(itemKey(item))
				.append("\",\"category\":\"")
				.append(CATEGORIES[item % CATEGORIES.length])
				.append("\",\"setting\":\"")
				.append(SETTINGS[(item / CATEGORIES.length) % SETTINGS.length])
				.append("\",\"prompt\":\"")
				.append(text(random, 250))
				.append("\"}\n");
		}
		return jsonl.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Outputs JSONL of one model for items 0 to {@code items} − 1, about {@code bytes}
	 * each.
	 */
	static byte[] outputs(int items, int bytes, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		ByteArrayOutputStream jsonl = new ByteArrayOutputStream(items * (bytes + 100));
		for (int item = 0; item < items; item++) {
			String line = "{\"item_id\":\"" + itemKey(item) + "\",\"output\":\"**Answer.** "
					+ text(random, bytes / 2 - 60) + "\\n\\n```python\\nprint(" + item + ")\\n```\\n\\n- "
					+ text(random, bytes / 2 - 60) + "\",\"meta\":{\"temperature\":0.7,\"sample\":" + random.nextInt(5)
					+ "}}\n";
			jsonl.writeBytes(line.getBytes(StandardCharsets.UTF_8));
		}
		return jsonl.toByteArray();
	}

	private static String text(SplittableRandom random, int length) {
		StringBuilder text = new StringBuilder(length + 20);
		while (text.length() < length) {
			text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
		}
		return text.toString().trim();
	}

}
