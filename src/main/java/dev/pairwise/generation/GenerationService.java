package dev.pairwise.generation;

import java.util.List;

import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.evalset.ItemPrompt;
import dev.pairwise.sampling.Samples;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/** Starts and cancels runs; the runner does the asking. */
@Service
class GenerationService {

	private final GenerationRepository repository;

	private final GenerationRunner runner;

	private final EvalSets evalSets;

	private final Samples samples;

	private final TransactionTemplate transaction;

	GenerationService(GenerationRepository repository, GenerationRunner runner, EvalSets evalSets, Samples samples,
			PlatformTransactionManager transactions) {
		this.repository = repository;
		this.runner = runner;
		this.evalSets = evalSets;
		this.samples = samples;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Stores a queued run with one pending row per item and hands it to the runner.
	 * Refused (409) while the model has samples on the set, a run for it is under way, or
	 * an open study uses its outputs there.
	 */
	long start(GenerationRequest request) {
		GenerationCommand command = request.validate();
		long runId = this.transaction.execute((status) -> create(command));
		this.runner.launch(runId);
		return runId;
	}

	private long create(GenerationCommand command) {
		EvalSetRef evalSet = this.evalSets.find(command.evalSet(), null)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"field 'evalSet': no eval set named '" + command.evalSet() + "'"));
		if (this.repository.active(evalSet.id(), command.model())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"a run for model '" + command.model() + "' on " + evalSet.label() + " is under way already");
		}
		if (this.samples.exist(evalSet.id(), command.model())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "model '" + command.model() + "' has samples on "
					+ evalSet.label() + " already; name the generated model differently");
		}
		this.samples.checkNoOpenStudyUses(evalSet.id(), command.model());
		List<ItemPrompt> prompts = this.evalSets.prompts(evalSet.id());
		checkConversations(prompts, evalSet, command.endpoint());
		List<Long> items = prompts.stream().map(ItemPrompt::id).toList();
		return this.repository.insert(command, evalSet.id(), items);
	}

	/**
	 * A conversation goes to the chat API as its messages. An item whose conversation
	 * continues the model's own earlier answers (an MT-Bench turn after the first) cannot
	 * be generated in one run of independent requests: its context is the answer this
	 * very run would write first. Such sets are refused; their answers come in MT-Bench's
	 * model-answer format.
	 */
	private static void checkConversations(List<ItemPrompt> prompts, EvalSetRef evalSet, Endpoint endpoint) {
		for (ItemPrompt prompt : prompts) {
			if (prompt.continuesOwnAnswers()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"item '" + prompt.key() + "' of " + evalSet.label()
								+ " continues each model's own earlier answers (a later MT-Bench turn), "
								+ "which generation cannot write; generate the answers elsewhere and import them in "
								+ "MT-Bench's model_answer format (question_id, model_id, choices[0].turns)");
			}
			if (!prompt.messages().isEmpty() && !endpoint.chat()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "field 'endpoint': item '" + prompt.key()
						+ "' of " + evalSet.label() + " is a conversation, which only the chat API takes");
			}
		}
	}

	/** Cancels a queued or running run; a finished one stays as it is. */
	void cancel(long runId) {
		this.repository.find(runId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no generation run " + runId));
		this.repository.finish(runId, "cancelled", null);
		this.runner.stop(runId);
	}

}
