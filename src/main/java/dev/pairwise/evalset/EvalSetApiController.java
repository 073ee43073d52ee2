package dev.pairwise.evalset;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.Upload;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/eval-sets")
class EvalSetApiController {

	private final EvalSets evalSets;

	private final EvalSetImporter importer;

	private final PairwiseProperties properties;

	EvalSetApiController(EvalSets evalSets, EvalSetImporter importer, PairwiseProperties properties) {
		this.evalSets = evalSets;
		this.importer = importer;
		this.properties = properties;
	}

	@GetMapping
	List<EvalSetJson> list() {
		return this.evalSets.list().stream().map(EvalSetJson::of).toList();
	}

	@PostMapping(
			consumes = { "application/x-ndjson", "application/jsonl", "application/json", "application/octet-stream" })
	@ResponseStatus(HttpStatus.CREATED)
	EvalSetJson upload(@RequestParam String name, @RequestParam String version,
			@RequestParam(required = false) String title, @RequestParam(required = false) String description,
			@RequestParam(required = false) List<String> categories, HttpServletRequest request) throws IOException {
		Upload items = Upload.fromRequest("items.jsonl", request, this.properties.uploads().maxBytes(),
				this.properties.uploads().maxLine());
		return EvalSetJson.of(this.importer
			.importItems(new EvalSetHeader(name, version, title, description, null, null, categories), items));
	}

	record EvalSetJson(String name, String version, String title, String description, int items,
			Map<String, Integer> categories, Map<String, Integer> settings) {

		static EvalSetJson of(EvalSetSummary summary) {
			return new EvalSetJson(summary.name(), summary.version(), summary.title(), summary.description(),
					summary.items(), summary.categories(), summary.settings());
		}

	}

}
