package dev.pairwise.evalset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask about eval sets. */
@Service
public class EvalSets {

	private final EvalSetRepository repository;

	EvalSets(EvalSetRepository repository) {
		this.repository = repository;
	}

	public List<EvalSetSummary> list() {
		return this.repository.findAll();
	}

	/** How many eval sets (every version counts) there are. */
	public int count() {
		return this.repository.count();
	}

	public Optional<EvalSetSummary> find(long id) {
		return this.repository.findById(id);
	}

	/**
	 * The given version of a named set, or its newest version when {@code version} is
	 * null.
	 */
	public Optional<EvalSetRef> find(String name, String version) {
		return this.repository.findRef(name, version);
	}

	/** Every version of a named set, oldest first; empty when there is none. */
	public List<EvalSetRef> versions(String name) {
		return this.repository.findVersions(name);
	}

	/**
	 * Deletes one version of a set and its items, in the caller's transaction. The rows
	 * of other features that refer to its items (outputs, samples, generation runs) must
	 * be gone first, and no study may use it.
	 */
	@Transactional
	public void delete(long evalSetId) {
		this.repository.delete(evalSetId);
	}

	/**
	 * The set's categories in the order its set.json lists them, then those it does not
	 * list in order of their first item.
	 */
	public List<String> categoryOrder(long evalSetId) {
		return this.repository.categoryOrder(evalSetId);
	}

	/** Database ids of the set's items by their file ids, in file order. */
	public Map<String, Long> itemIdsByKey(long evalSetId) {
		return this.repository.itemIdsByKey(evalSetId);
	}

	/** Every item of the set as a model is asked it, in file order. */
	public List<ItemPrompt> prompts(long evalSetId) {
		return this.repository.findItems(evalSetId, null, null, 0, Integer.MAX_VALUE)
			.stream()
			.map((row) -> new ItemPrompt(row.id(), row.key(), row.setting(), row.prompt(),
					ItemView.exemplars(row.exemplarsJson()),
					(row.messagesJson() != null) ? Conversation.decode(row.messagesJson()) : List.of()))
			.toList();
	}

}
