package dev.pairwise.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.Upload;
import dev.pairwise.rating.JudgmentsChanged;
import dev.pairwise.study.Study;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Results as JSON and CSV, the judgment export, and the judgment import. */
@RestController
@RequestMapping("/api/studies/{id}")
class ResultsApiController {

	private final ResultsService results;

	private final ResultsRepository repository;

	private final JudgmentImporter importer;

	private final ApplicationEventPublisher events;

	private final PairwiseProperties properties;

	ResultsApiController(ResultsService results, ResultsRepository repository, JudgmentImporter importer,
			ApplicationEventPublisher events, PairwiseProperties properties) {
		this.results = results;
		this.repository = repository;
		this.importer = importer;
		this.events = events;
		this.properties = properties;
	}

	@GetMapping("/results")
	StudyResults results(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap) {
		Study study = this.results.study(id);
		return this.results.results(study, this.results.query(study, ties, source, focal, bootstrap));
	}

	@GetMapping("/results.csv")
	void resultsCsv(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, HttpServletResponse response) throws IOException {
		Study study = this.results.study(id);
		StudyResults computed = this.results.results(study, this.results.query(study, ties, source, focal, bootstrap));
		try (Writer writer = csvWriter(response, "study-" + id + "-results.csv")) {
			ResultsCsv.write(computed, writer);
		}
	}

	/**
	 * One row per counted judgment, oldest first. Attention checks are left out: they are
	 * not judgments of the models (one side was degraded on purpose) and would bias any
	 * rating computed from the file.
	 */
	@GetMapping("/judgments.csv")
	void judgmentsCsv(@PathVariable long id, @RequestParam(required = false) String source,
			HttpServletResponse response) throws IOException {
		Study study = this.results.study(id);
		String filter = (source == null || source.isBlank()) ? null : source;
		try (Writer writer = csvWriter(response, "study-" + id + "-judgments.csv")) {
			JudgmentCsv csv = new JudgmentCsv(writer, study.name());
			this.repository.forEachExportRow(id, filter, csv::write);
			csv.flush();
		}
	}

	/**
	 * Imports judgments made elsewhere: JSON Lines, or CSV with {@code Content-Type:
	 * text/csv}, in the export's columns; recorded as source {@code import:<source>}.
	 */
	@PostMapping(path = "/judgments",
			consumes = { "application/x-ndjson", "application/jsonl", "application/json", "application/octet-stream",
					"text/csv" })
	@ResponseStatus(HttpStatus.CREATED)
	JudgmentImporter.ImportedCount importJudgments(@PathVariable long id, @RequestParam(required = false) String source,
			HttpServletRequest request) throws IOException {
		Study study = this.results.study(id);
		boolean csv = request.getContentType() != null
				&& request.getContentType().toLowerCase(Locale.ROOT).startsWith("text/csv");
		String name = (source == null || source.isBlank()) ? JudgmentImporter.DEFAULT_SOURCE : source.trim();
		Upload upload = Upload.fromRequest(csv ? "judgments.csv" : "judgments.jsonl", request,
				this.properties.uploads().maxBytes());
		JudgmentImporter.ImportedCount imported = this.importer.importJudgments(study, upload, csv, name);
		// The import's transaction has committed here, as the event promises its
		// listeners.
		this.events.publishEvent(JudgmentsChanged.wholeStudy(id));
		return imported;
	}

	private static Writer csvWriter(HttpServletResponse response, String fileName) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		return new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
	}

}
