package dev.pairwise.evalset;

import java.util.List;

import dev.pairwise.evalset.Conversation.Message;
import dev.pairwise.evalset.ItemView.Exemplar;

/**
 * What a model is asked for one item: its prompt, in its setting, with its exemplars
 * (few-shot), or its conversation ({@code messages}, ending with the prompt; empty for a
 * single prompt); {@code id} is the item's database id.
 */
public record ItemPrompt(long id, String key, String setting, String prompt, List<Exemplar> exemplars,
		List<Message> messages) {

	/**
	 * Whether the conversation continues the model's own earlier answers (an MT-Bench
	 * turn after the first): two user messages in a row, the assistant's turn between
	 * them being each model's own.
	 */
	public boolean continuesOwnAnswers() {
		for (int i = 1; i < this.messages.size(); i++) {
			if (this.messages.get(i - 1).fromUser() && this.messages.get(i).fromUser()) {
				return true;
			}
		}
		return false;
	}

}
