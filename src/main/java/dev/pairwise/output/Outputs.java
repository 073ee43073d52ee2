package dev.pairwise.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.output.OutputRepository.NewOutput;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask about models and their outputs. */
@Service
public class Outputs {

	private final OutputRepository repository;

	Outputs(OutputRepository repository) {
		this.repository = repository;
	}

	/**
	 * For each eval set (by id), the models with outputs in it and how many outputs each
	 * has.
	 */
	public Map<Long, Map<String, Integer>> modelsByEvalSet() {
		Map<Long, Map<String, Integer>> byEvalSet = new LinkedHashMap<>();
		for (OutputRepository.CoverageRow row : this.repository.coverage()) {
			byEvalSet.computeIfAbsent(row.evalSetId(), (id) -> new LinkedHashMap<>()).put(row.model(), row.outputs());
		}
		return byEvalSet;
	}

	public List<String> modelsOf(long evalSetId) {
		return List.copyOf(modelsByEvalSet().getOrDefault(evalSetId, Map.of()).keySet());
	}

	/** Why a model name is unusable, or null when it is fine. */
	public static String modelNameProblem(String model) {
		return ModelNames.problem(model);
	}

	/**
	 * Makes the given texts the model's outputs for their items, replacing any output the
	 * model had for them: how a feature that chooses outputs (sampling) stores its
	 * choice. Whether a study still needs the old outputs is the caller's to check.
	 */
	@Transactional
	public void replace(String model, List<ChosenOutput> outputs) {
		String problem = ModelNames.problem(model);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		long modelId = this.repository.findOrCreateModel(model);
		this.repository.delete(modelId, outputs.stream().map(ChosenOutput::itemId).toList());
		this.repository.insert(outputs.stream()
			.map((output) -> new NewOutput(output.itemId(), modelId, output.text(), output.metaJson(), null))
			.toList());
	}

	/**
	 * Deletes the outputs on the set, of one model or (null) of every model, and then the
	 * models left without any output. Whether a study still needs them is the caller's to
	 * check.
	 */
	@Transactional
	public void deleteOnEvalSet(long evalSetId, String model) {
		this.repository.deleteOnEvalSet(evalSetId, model);
		this.repository.deleteModelsWithoutOutputs();
	}

	/** An output chosen elsewhere: its item (database id), text and meta as JSON. */
	public record ChosenOutput(long itemId, String text, String metaJson) {
	}

}
