package dev.pairwise.generation;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * What other features may do with generation runs: delete those of a deleted set or
 * model.
 */
@Service
public class GenerationRuns {

	private final GenerationRepository repository;

	GenerationRuns(GenerationRepository repository) {
		this.repository = repository;
	}

	/**
	 * Deletes the runs on the set, of one model or (null) of every model, in the caller's
	 * transaction; refuses (409) while one of them is queued or running, since its worker
	 * still writes samples.
	 */
	@Transactional
	public void deleteOnEvalSet(long evalSetId, String model) {
		if (this.repository.activeOnEvalSet(evalSetId, model)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "a generation run "
					+ ((model != null) ? "of model '" + model + "' " : "")
					+ "on this eval set is queued or running; cancel it (POST /api/generations/{id}/cancel) first");
		}
		this.repository.deleteOnEvalSet(evalSetId, model);
	}

}
