package dev.pairwise.output;

import java.io.IOException;
import java.util.Map;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.Upload;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class OutputApiController {

	private final OutputImporter importer;

	private final EvalSets evalSets;

	private final PairwiseProperties properties;

	OutputApiController(OutputImporter importer, EvalSets evalSets, PairwiseProperties properties) {
		this.importer = importer;
		this.evalSets = evalSets;
		this.properties = properties;
	}

	/**
	 * Imports outputs for the named eval set (its newest version unless {@code version}
	 * is given): JSONL by default, CSV when the content type is {@code text/csv}.
	 */
	@PostMapping(path = "/api/eval-sets/{name}/outputs",
			consumes = { "application/x-ndjson", "application/jsonl", "application/json", "application/octet-stream",
					"text/csv" })
	@ResponseStatus(HttpStatus.CREATED)
	OutputsJson upload(@PathVariable String name, @RequestParam(required = false) String model,
			@RequestParam(required = false) String version, HttpServletRequest request) throws IOException {
		EvalSetRef evalSet = this.evalSets.find(name, version)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No eval set named '" + name + "'" + ((version != null) ? " with version '" + version + "'" : "")));
		OutputFormat format = OutputFormat.fromContentType(request.getContentType());
		String fileName = (format == OutputFormat.CSV) ? "outputs.csv" : "outputs.jsonl";
		ImportSummary summary = this.importer.importOutputs(evalSet, Upload.fromRequest(fileName, request,
				this.properties.uploads().maxBytes(), this.properties.uploads().maxLine()), format, blankToNull(model));
		return OutputsJson.of(summary);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	record OutputsJson(String evalSet, String version, String model, int outputs, Map<String, Integer> models) {

		static OutputsJson of(ImportSummary summary) {
			return new OutputsJson(summary.evalSet().name(), summary.evalSet().version(),
					String.join(",", summary.outputsByModel().keySet()), summary.total(), summary.outputsByModel());
		}

	}

}
