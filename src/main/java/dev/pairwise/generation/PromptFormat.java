package dev.pairwise.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pairwise.evalset.ItemPrompt;
import dev.pairwise.evalset.ItemView.Exemplar;

/**
 * What an item's prompt looks like on the wire. Zero-shot and zero-shot-cot items are
 * sent as they are (a cot prompt carries its trigger). A few-shot item's exemplars come
 * first: on the chat API as earlier user and assistant turns; on the completions API as
 * plain text, each exemplar as {@code "Input: <input>\nOutput: <output>\n\n"}, then
 * {@code "Input: <prompt>\nOutput:"}. A conversation item goes to the chat API as its
 * messages, system, user and assistant turns as they are.
 */
final class PromptFormat {

	private PromptFormat() {
	}

	static List<Map<String, String>> messages(ItemPrompt item) {
		List<Map<String, String>> messages = new ArrayList<>();
		if (!item.messages().isEmpty()) {
			item.messages()
				.forEach((message) -> messages.add(Map.of("role", message.role(), "content", message.content())));
			return messages;
		}
		for (Exemplar exemplar : item.exemplars()) {
			messages.add(Map.of("role", "user", "content", exemplar.input()));
			messages.add(Map.of("role", "assistant", "content", exemplar.output()));
		}
		messages.add(Map.of("role", "user", "content", item.prompt()));
		return messages;
	}

	static String completionPrompt(ItemPrompt item) {
		if (item.exemplars().isEmpty()) {
			return item.prompt();
		}
		StringBuilder prompt = new StringBuilder();
		for (Exemplar exemplar : item.exemplars()) {
			prompt.append("Input: ")
				.append(exemplar.input())
				.append("\nOutput: ")
				.append(exemplar.output())
				.append("\n\n");
		}
		return prompt.append("Input: ").append(item.prompt()).append("\nOutput:").toString();
	}

}
