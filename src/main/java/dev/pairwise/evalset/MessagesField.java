package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.pairwise.evalset.Conversation.Message;
import dev.pairwise.importing.TextLimits;
import tools.jackson.databind.JsonNode;

/**
 * Reads an item's {@code "messages"}: a conversation of {@code {"role", "content"}}
 * ending with the user message the outputs answer. A system message may only open it; a
 * user or system message must say something, while an assistant's earlier answer may be
 * empty (models do answer with nothing).
 */
final class MessagesField {

	static final String FIELD = "messages";

	private static final Set<String> ROLES = Set.of(Conversation.SYSTEM, Conversation.USER, Conversation.ASSISTANT);

	private MessagesField() {
	}

	/** The conversation, or {@code null} after recording the first problem. */
	static List<Message> read(JsonNode messages, BiConsumer<String, String> error) {
		if (!messages.isArray()) {
			error.accept(FIELD, "must be an array of {\"role\", \"content\"} objects");
			return null;
		}
		if (messages.isEmpty()) {
			error.accept(FIELD, "the conversation is empty; it needs at least one user message");
			return null;
		}
		List<Message> chat = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			String field = FIELD + "[" + i + "]";
			JsonNode message = messages.get(i);
			JsonNode role = message.isObject() ? message.get("role") : null;
			JsonNode content = message.isObject() ? message.get("content") : null;
			if (role == null || !role.isString() || !ROLES.contains(role.stringValue())) {
				error.accept(field + ".role", "unknown role " + ((role == null) ? "(missing)" : role.toString())
						+ "; use system, user or assistant");
				return null;
			}
			String problem = contentProblem(role.stringValue(), content, i);
			if (problem != null) {
				error.accept(field + ".content", problem);
				return null;
			}
			chat.add(new Message(role.stringValue(), content.stringValue()));
		}
		String lastRole = chat.get(chat.size() - 1).role();
		if (!Conversation.USER.equals(lastRole)) {
			error.accept(FIELD, "the conversation must end with a user message (the outputs answer it); it ends with "
					+ (Conversation.ASSISTANT.equals(lastRole) ? "an " : "a ") + lastRole + " message");
			return null;
		}
		return chat;
	}

	private static String contentProblem(String role, JsonNode content, int index) {
		if (content == null || !content.isString()) {
			return "must be a string";
		}
		if (Conversation.SYSTEM.equals(role) && index > 0) {
			return "a system message may only open the conversation";
		}
		if (!Conversation.ASSISTANT.equals(role) && content.stringValue().isBlank()) {
			return "a " + role + " message must not be empty";
		}
		return TextLimits.problem(content.stringValue(), ItemParser.MAX_TEXT);
	}

}
