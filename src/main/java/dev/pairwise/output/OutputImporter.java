package dev.pairwise.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.Upload;
import dev.pairwise.output.OutputRepository.NewOutput;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports one outputs file as one transaction. Every line is validated (unknown item,
 * second output for an (item, model), missing output...) and any error rolls back the
 * whole file.
 */
@Service
class OutputImporter {

	private static final int BATCH_SIZE = 500;

	private final OutputRepository repository;

	private final EvalSets evalSets;

	OutputImporter(OutputRepository repository, EvalSets evalSets) {
		this.repository = repository;
		this.evalSets = evalSets;
	}

	@Transactional
	ImportSummary importOutputs(EvalSetRef evalSet, Upload upload, OutputFormat format, String model) {
		ImportErrors errors = new ImportErrors(upload.fileName());
		if (model != null) {
			String problem = ModelNames.problem(model);
			if (problem != null) {
				throw errors.rejectWith(new ImportError(null, null, "model", problem));
			}
		}
		Map<String, Long> itemIds = this.evalSets.itemIdsByKey(evalSet.id());
		Map<String, ModelState> models = new HashMap<>();
		Map<String, Integer> counts = new LinkedHashMap<>();
		List<NewOutput> pending = new ArrayList<>(BATCH_SIZE);
		Consumer<ParsedOutput> sink = (output) -> {
			NewOutput accepted = check(output, evalSet, itemIds, models, errors);
			if (accepted == null || !errors.isEmpty()) {
				return;
			}
			counts.merge(output.model(), 1, Integer::sum);
			pending.add(accepted);
			if (pending.size() == BATCH_SIZE) {
				this.repository.insert(pending);
				pending.clear();
			}
		};
		if (format == OutputFormat.CSV) {
			new CsvOutputParser(model).parse(upload, errors, sink);
		}
		else {
			new JsonlOutputParser(model, MtBenchAnswer.turnsByQuestion(itemIds.keySet())).parse(upload, errors, sink);
		}
		if (errors.isEmpty() && counts.isEmpty()) {
			errors.add(ImportError.forFile("the file holds no outputs"));
		}
		errors.throwIfAny();
		this.repository.insert(pending);
		this.repository.recount(evalSet.id(), counts.keySet().stream().map((name) -> models.get(name).id()).toList());
		return new ImportSummary(evalSet, counts);
	}

	private NewOutput check(ParsedOutput output, EvalSetRef evalSet, Map<String, Long> itemIds,
			Map<String, ModelState> models, ImportErrors errors) {
		Long itemId = itemIds.get(output.itemKey());
		if (itemId == null) {
			errors.add(new ImportError(output.line(), output.column() != null ? 1 : null, "item_id",
					"no item '" + output.itemKey() + "' in eval set " + evalSet.label()));
			return null;
		}
		ModelState model = models.get(output.model());
		if (model == null) {
			String problem = ModelNames.problem(output.model());
			if (problem != null) {
				errors.add(new ImportError(output.line(), null, "model", problem));
				return null;
			}
			long modelId = this.repository.findOrCreateModel(output.model());
			model = new ModelState(modelId, this.repository.itemsWithOutput(evalSet.id(), modelId), new HashMap<>());
			models.put(output.model(), model);
		}
		if (model.storedItems().contains(itemId)) {
			errors.add(new ImportError(output.line(), output.column(), "item_id", "model '" + output.model()
					+ "' already has an output for item '" + output.itemKey() + "' (imported earlier)"));
			return null;
		}
		Integer firstLine = model.linesInFile().putIfAbsent(itemId, output.line());
		if (firstLine != null) {
			errors.add(new ImportError(output.line(), output.column(), "item_id", "second output of model '"
					+ output.model() + "' for item '" + output.itemKey() + "' (first on line " + firstLine + ")"));
			return null;
		}
		return new NewOutput(itemId, model.id(), output.text(), output.metaJson(), output.contextJson());
	}

	private record ModelState(long id, Set<Long> storedItems, Map<Long, Integer> linesInFile) {
	}

}
