package dev.pairwise.sampling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.Upload;
import dev.pairwise.output.Outputs;
import dev.pairwise.sampling.SampleParser.ParsedSample;
import dev.pairwise.sampling.SampleRepository.StoredSample;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports one samples file as one transaction, then selects each model's outputs with the
 * given rule. Any error (unknown item, a sample index twice for an (item, model), a
 * logprob that is not a finite number...) rolls back the whole file.
 */
@Service
class SampleImporter {

	private final SampleRepository repository;

	private final Selector selector;

	private final EvalSets evalSets;

	SampleImporter(SampleRepository repository, Selector selector, EvalSets evalSets) {
		this.repository = repository;
		this.selector = selector;
		this.evalSets = evalSets;
	}

	@Transactional
	ImportSummary importSamples(EvalSetRef evalSet, Upload upload, boolean csv, String model, SelectionRule rule) {
		ImportErrors errors = new ImportErrors(upload.fileName());
		if (model != null && Outputs.modelNameProblem(model) != null) {
			throw errors.rejectWith(new ImportError(null, null, "model", Outputs.modelNameProblem(model)));
		}
		Map<String, Long> itemIds = this.evalSets.itemIdsByKey(evalSet.id());
		Map<String, Set<String>> storedByModel = new HashMap<>();
		Map<String, Integer> firstLines = new HashMap<>();
		List<StoredSample> accepted = new ArrayList<>();
		SampleParser parser = new SampleParser(model);
		java.util.function.Consumer<ParsedSample> sink = (sample) -> {
			Long itemId = itemIds.get(sample.itemKey());
			if (itemId == null) {
				errors.add(ImportError.atLine(sample.line(), "item_id",
						"no item '" + sample.itemKey() + "' in eval set " + evalSet.label()));
				return;
			}
			String problem = Outputs.modelNameProblem(sample.model());
			if (problem != null) {
				errors.add(ImportError.atLine(sample.line(), "model", problem));
				return;
			}
			Set<String> stored = storedByModel.computeIfAbsent(sample.model(),
					(name) -> this.repository.storedKeys(evalSet.id(), name));
			String key = itemId + "/" + sample.sample();
			if (stored.contains(key)) {
				errors.add(
						ImportError.atLine(sample.line(), "sample", "model '" + sample.model() + "' already has sample "
								+ sample.sample() + " of item '" + sample.itemKey() + "' (imported earlier)"));
				return;
			}
			Integer first = firstLines.putIfAbsent(sample.model() + "/" + key, sample.line());
			if (first != null) {
				errors
					.add(ImportError.atLine(sample.line(), "sample", "second sample " + sample.sample() + " of model '"
							+ sample.model() + "' for item '" + sample.itemKey() + "' (first on line " + first + ")"));
				return;
			}
			accepted.add(new StoredSample(itemId, sample.itemKey(), sample.model(), sample.sample(), sample.text(),
					sample.logprob(), sample.metaJson()));
		};
		if (csv) {
			parser.parseCsv(upload, errors, sink);
		}
		else {
			parser.parseJsonl(upload, errors, sink);
		}
		if (errors.isEmpty() && accepted.isEmpty()) {
			errors.add(ImportError.forFile("the file holds no samples"));
		}
		errors.throwIfAny();
		storedByModel.keySet().forEach((name) -> this.selector.checkNoOpenStudyUses(evalSet.id(), name));
		this.repository.insert(accepted);
		Map<String, SelectionSummary> byModel = new LinkedHashMap<>();
		for (StoredSample sample : accepted) {
			byModel.computeIfAbsent(sample.model(), (name) -> this.selector.select(evalSet.id(), name, rule));
		}
		return new ImportSummary(evalSet, rule, byModel);
	}

	/** What an import stored: per model, the selection made over all its samples. */
	record ImportSummary(EvalSetRef evalSet, SelectionRule rule, Map<String, SelectionSummary> byModel) {

		int items() {
			return this.byModel.values().stream().mapToInt(SelectionSummary::items).sum();
		}

		int samples() {
			return this.byModel.values().stream().mapToInt(SelectionSummary::samples).sum();
		}

		int allDropped() {
			return this.byModel.values().stream().mapToInt(SelectionSummary::allDropped).sum();
		}

	}

}
