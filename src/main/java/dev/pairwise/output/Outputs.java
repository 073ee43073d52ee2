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

	/** The models with outputs on the set, by name, and how many outputs each has. */
	public Map<String, Integer> outputCounts(long evalSetId) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.repository.coverage(evalSetId, null).forEach((row) -> counts.put(row.model(), row.outputs()));
		return counts;
	}

	public List<String> modelsOf(long evalSetId) {
		return List.copyOf(outputCounts(evalSetId).keySet());
	}

	/** How many models have outputs on some eval set. */
	public int modelCount() {
		return this.repository.countModelsWithOutputs();
	}

	/**
	 * One page of the models with outputs, by name, with their output counts on each eval
	 * set (by id).
	 */
	public Map<String, Map<Long, Integer>> coverage(int offset, int limit) {
		Map<String, Map<Long, Integer>> byModel = new LinkedHashMap<>();
		List<String> models = this.repository.modelsWithOutputs(offset, limit);
		models.forEach((model) -> byModel.put(model, new LinkedHashMap<>()));
		this.repository.coverage(null, models)
			.forEach((row) -> byModel.get(row.model()).put(row.evalSetId(), row.outputs()));
		return byModel;
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
		this.repository.recountModel(modelId);
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
