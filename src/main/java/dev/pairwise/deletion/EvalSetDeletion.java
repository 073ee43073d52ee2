package dev.pairwise.deletion;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.generation.GenerationRuns;
import dev.pairwise.output.Outputs;
import dev.pairwise.sampling.Samples;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Deletes every version of a named eval set, or a model's outputs on them, when no study
 * uses them.
 */
@Service
class EvalSetDeletion {

	private final EvalSets evalSets;

	private final Studies studies;

	private final GenerationRuns generationRuns;

	private final Samples samples;

	private final Outputs outputs;

	EvalSetDeletion(EvalSets evalSets, Studies studies, GenerationRuns generationRuns, Samples samples,
			Outputs outputs) {
		this.evalSets = evalSets;
		this.studies = studies;
		this.generationRuns = generationRuns;
		this.samples = samples;
		this.outputs = outputs;
	}

	@Transactional
	void deleteEvalSet(String name) {
		List<EvalSetRef> versions = versions(name);
		refuseInUse(versions, null, "eval set '" + name + "'");
		for (EvalSetRef version : versions) {
			deleteRowsOf(version.id(), null);
			this.evalSets.delete(version.id());
		}
	}

	@Transactional
	void deleteModel(String name, String model) {
		List<EvalSetRef> versions = versions(name);
		if (versions.stream()
			.noneMatch((version) -> this.outputs.modelsOf(version.id()).contains(model)
					|| this.samples.exist(version.id(), model))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Model '" + model + "' has no outputs or samples on eval set '" + name + "'.");
		}
		refuseInUse(versions, model, "model '" + model + "' on eval set '" + name + "'");
		for (EvalSetRef version : versions) {
			deleteRowsOf(version.id(), model);
		}
	}

	private List<EvalSetRef> versions(String name) {
		List<EvalSetRef> versions = this.evalSets.versions(name);
		if (versions.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No eval set named '" + name + "'.");
		}
		return versions;
	}

	/** Each feature deletes its own rows, those that refer to others first. */
	private void deleteRowsOf(long evalSetId, String model) {
		this.generationRuns.deleteOnEvalSet(evalSetId, model);
		this.samples.deleteOnEvalSet(evalSetId, model);
		this.outputs.deleteOnEvalSet(evalSetId, model);
	}

	/**
	 * Refuses (409) while a study, archived or not, uses the sets or (non-null) the
	 * model.
	 */
	private void refuseInUse(List<EvalSetRef> versions, String model, String what) {
		List<String> users = Stream.concat(this.studies.list().stream(), this.studies.archived().stream())
			.filter((study) -> versions.stream().anyMatch((version) -> version.id() == study.evalSetId()))
			.filter((study) -> model == null || uses(study, model))
			.sorted(Comparator.comparingLong(Study::id))
			.map((study) -> study.id() + " '" + study.name() + "'")
			.toList();
		if (!users.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Cannot delete " + what + ": it is used by "
					+ ((users.size() == 1) ? "study " : "studies ") + String.join(", ", users)
					+ ". Delete those studies first (a draft can be deleted; an opened one is kept for its judgments).");
		}
	}

	private static boolean uses(Study study, String model) {
		return study.models().contains(model) || model.equals(study.baselineModel());
	}

}
