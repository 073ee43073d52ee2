package dev.pairwise.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

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

}
