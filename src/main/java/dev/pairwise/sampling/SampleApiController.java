package dev.pairwise.sampling;

import java.io.IOException;
import java.util.List;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.Upload;
import dev.pairwise.sampling.SampleImporter.ImportSummary;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class SampleApiController {

	private final SampleImporter importer;

	private final Selector selector;

	private final SampleRepository repository;

	private final EvalSets evalSets;

	private final PairwiseProperties properties;

	SampleApiController(SampleImporter importer, Selector selector, SampleRepository repository, EvalSets evalSets,
			PairwiseProperties properties) {
		this.importer = importer;
		this.selector = selector;
		this.repository = repository;
		this.evalSets = evalSets;
		this.properties = properties;
	}

	/**
	 * Imports samples for the named eval set (JSONL, or CSV when the content type is
	 * {@code text/csv}) and selects each model's outputs among them with the rule.
	 */
	@PostMapping(path = "/api/eval-sets/{name}/samples",
			consumes = { "application/x-ndjson", "application/jsonl", "application/json", "application/octet-stream",
					"text/csv" })
	@ResponseStatus(HttpStatus.CREATED)
	SamplesJson upload(@PathVariable String name, @RequestParam(required = false) String model,
			@RequestParam(defaultValue = "flan") String selection, @RequestParam(required = false) String version,
			HttpServletRequest request) throws IOException {
		EvalSetRef evalSet = evalSet(name, version);
		SelectionRule rule = rule(selection);
		boolean csv = request.getContentType() != null && request.getContentType().startsWith("text/csv");
		ImportSummary summary = this.importer.importSamples(evalSet,
				Upload.fromRequest(csv ? "samples.csv" : "samples.jsonl", request, this.properties.uploads().maxBytes(),
						this.properties.uploads().maxLine()),
				csv, (model == null || model.isBlank()) ? null : model, rule);
		return new SamplesJson(evalSet.name(), evalSet.version(), String.join(",", summary.byModel().keySet()),
				rule.id(), summary.items(), summary.samples(), summary.allDropped());
	}

	/** Each item's decision under the rule last applied: chosen, dropped and why. */
	@GetMapping("/api/eval-sets/{name}/models/{model}/selection")
	List<ItemSelection> selection(@PathVariable String name, @PathVariable String model,
			@RequestParam(required = false) String version) {
		EvalSetRef evalSet = evalSet(name, version);
		SelectionRule rule = this.repository.selection(evalSet.id(), model)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"model '" + model + "' has no samples on eval set " + evalSet.label()))
			.rule();
		return this.selector.report(evalSet.id(), model, rule);
	}

	/** Selects the model's outputs again, with another rule. */
	@PostMapping("/api/eval-sets/{name}/models/{model}/selection")
	SamplesJson reselect(@PathVariable String name, @PathVariable String model, @RequestParam String rule,
			@RequestParam(required = false) String version) {
		EvalSetRef evalSet = evalSet(name, version);
		SelectionSummary summary = this.selector.select(evalSet.id(), model, rule(rule));
		return new SamplesJson(evalSet.name(), evalSet.version(), model, summary.rule(), summary.items(),
				summary.samples(), summary.allDropped());
	}

	private EvalSetRef evalSet(String name, String version) {
		return this.evalSets.find(name, version)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No eval set named '" + name + "'" + ((version != null) ? " with version '" + version + "'" : "")));
	}

	static SelectionRule rule(String id) {
		SelectionRule rule = SelectionRule.of(id);
		if (rule == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"unknown selection rule '" + id + "'; use one of " + SelectionRule.ids());
		}
		return rule;
	}

	record SamplesJson(String evalSet, String version, String model, String rule, int items, int samples,
			int allDropped) {
	}

}
