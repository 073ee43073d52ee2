package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation an output answers, as stored: an item's messages (null for a single
 * prompt) and, for an MT-Bench turn after the first, the model's own earlier answers kept
 * with its output. {@link #forModel} puts them together into the chat that model was in.
 */
public final class Conversation {

	public static final String SYSTEM = "system";

	public static final String USER = "user";

	public static final String ASSISTANT = "assistant";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Conversation() {
	}

	/**
	 * The chat one model answered, ending with the user message its output answers: the
	 * item's messages with the model's earlier answers ({@code contextJson}, a JSON array
	 * of strings or null) after each user message but the last; a plain prompt is one
	 * user message.
	 */
	public static List<Message> forModel(String prompt, String messagesJson, String contextJson) {
		if (messagesJson == null) {
			return List.of(new Message(USER, prompt));
		}
		List<Message> shared = decode(messagesJson);
		List<String> earlier = strings(contextJson);
		if (earlier.isEmpty()) {
			return shared;
		}
		List<Message> chat = new ArrayList<>();
		int answers = 0;
		for (int i = 0; i < shared.size(); i++) {
			Message message = shared.get(i);
			chat.add(message);
			if (USER.equals(message.role()) && i < shared.size() - 1 && answers < earlier.size()) {
				chat.add(new Message(ASSISTANT, earlier.get(answers++)));
			}
		}
		return chat;
	}

	/**
	 * What a rater sees above two responses: every message before the last user message,
	 * where an assistant turn that was each model's own appears as a pair, its left and
	 * right model's answer ({@code contextLeftJson}, {@code contextRightJson}); empty for
	 * a single prompt.
	 */
	public static List<Step> history(String messagesJson, String contextLeftJson, String contextRightJson) {
		if (messagesJson == null) {
			return List.of();
		}
		List<Message> shared = decode(messagesJson);
		List<String> left = strings(contextLeftJson);
		List<String> right = strings(contextRightJson);
		List<Step> steps = new ArrayList<>();
		int answers = 0;
		for (int i = 0; i < shared.size() - 1; i++) {
			Message message = shared.get(i);
			steps.add(new Step(message.role(), message.content(), null, null));
			if (message.fromUser() && (answers < left.size() || answers < right.size())) {
				steps.add(new Step(ASSISTANT, null, at(left, answers), at(right, answers)));
				answers++;
			}
		}
		return steps;
	}

	private static String at(List<String> texts, int index) {
		return (index < texts.size()) ? texts.get(index) : "";
	}

	/** Which user turn a conversation's last message is: 1 for a single prompt. */
	public static int turn(List<Message> chat) {
		return (int) chat.stream().filter((message) -> USER.equals(message.role())).count();
	}

	static List<Message> decode(String json) {
		List<Message> messages = new ArrayList<>();
		for (JsonNode message : JSON.readTree(json)) {
			messages.add(new Message(message.path("role").asString(), message.path("content").asString()));
		}
		return messages;
	}

	static String encode(List<Message> messages) {
		return JSON.writeValueAsString(messages);
	}

	private static List<String> strings(String json) {
		if (json == null) {
			return List.of();
		}
		List<String> strings = new ArrayList<>();
		JSON.readTree(json).forEach((text) -> strings.add(text.asString()));
		return strings;
	}

	/**
	 * One message of a conversation as a page shows it: shared ({@code content}), or a
	 * model's own turn, different on each side ({@code left}, {@code right}).
	 */
	public record Step(String role, String content, String left, String right) {

		public boolean split() {
			return this.content == null;
		}

		public int length() {
			return split() ? this.left.length() + this.right.length() : this.content.length();
		}

	}

	/** One message of a chat, as OpenAI's chat API and MT-Bench's judgments write it. */
	public record Message(String role, String content) {

		public boolean fromUser() {
			return USER.equals(this.role);
		}

	}

}
