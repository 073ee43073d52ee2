package dev.pairwise.judgmentfile;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.Upload;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The judgment file: a study's judgments exported, and judgments made elsewhere imported.
 */
@RestController
@RequestMapping("/api/studies/{id}")
class JudgmentFileApiController {

	private final Studies studies;

	private final JudgmentFileRepository repository;

	private final JudgmentImporter importer;

	private final PairwiseProperties properties;

	JudgmentFileApiController(Studies studies, JudgmentFileRepository repository, JudgmentImporter importer,
			PairwiseProperties properties) {
		this.studies = studies;
		this.repository = repository;
		this.importer = importer;
		this.properties = properties;
	}

	/**
	 * One row per counted judgment, oldest first. Attention checks are left out unless
	 * {@code attention_checks=include}: they are not judgments of the models (one side
	 * was degraded on purpose) and would bias any rating computed from the file;
	 * included, they come last and are marked in {@code attention_check}, which the
	 * import skips.
	 */
	@GetMapping("/judgments.csv")
	void judgmentsCsv(@PathVariable long id, @RequestParam(required = false) String source,
			@RequestParam(name = "attention_checks", required = false) String attentionChecks,
			HttpServletResponse response) throws IOException {
		Study study = study(id);
		String filter = (source == null || source.isBlank()) ? null : source;
		boolean withAttentionChecks = includeAttentionChecks(attentionChecks);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"study-" + id + "-judgments.csv\"");
		try (Writer writer = new BufferedWriter(
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
			List<String> criteria = this.studies.criteria(id).ids();
			JudgmentCsv csv = new JudgmentCsv(writer, study.name(), criteria);
			this.repository.forEachExportRow(id, criteria, filter, withAttentionChecks, csv::write);
			csv.flush();
		}
	}

	/**
	 * The rows and columns of {@code judgments.csv} as a typed Apache Parquet file (see
	 * {@link JudgmentParquet}), with the same options.
	 */
	@GetMapping("/judgments.parquet")
	void judgmentsParquet(@PathVariable long id, @RequestParam(required = false) String source,
			@RequestParam(name = "attention_checks", required = false) String attentionChecks,
			HttpServletResponse response) throws IOException {
		Study study = study(id);
		String filter = (source == null || source.isBlank()) ? null : source;
		boolean withAttentionChecks = includeAttentionChecks(attentionChecks);
		response.setContentType("application/vnd.apache.parquet");
		response.setHeader("Content-Disposition", "attachment; filename=\"study-" + id + "-judgments.parquet\"");
		try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16);
				JudgmentParquet parquet = new JudgmentParquet(out, study.name(), this.studies.criteria(id).ids())) {
			this.repository.forEachExportRow(id, this.studies.criteria(id).ids(), filter, withAttentionChecks,
					parquet::write);
		}
	}

	/**
	 * The same judgments as JSON Lines in MT-Bench's human-judgment fields, with the
	 * prompt and both outputs as conversations.
	 */
	@GetMapping("/judgments.jsonl")
	void judgmentsJsonl(@PathVariable long id, @RequestParam(required = false) String source,
			HttpServletResponse response) throws IOException {
		study(id);
		String filter = (source == null || source.isBlank()) ? null : source;
		response.setContentType("application/jsonl;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"study-" + id + "-judgments.jsonl\"");
		try (Writer writer = new BufferedWriter(
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
			JudgmentJsonl jsonl = new JudgmentJsonl(writer);
			this.repository.forEachConversation(id, this.studies.criteria(id).ids(), filter, jsonl::write);
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
		Study study = study(id);
		boolean csv = request.getContentType() != null
				&& request.getContentType().toLowerCase(Locale.ROOT).startsWith("text/csv");
		String name = (source == null || source.isBlank()) ? JudgmentImporter.DEFAULT_SOURCE : source.trim();
		Upload upload = Upload.fromRequest(csv ? "judgments.csv" : "judgments.jsonl", request,
				this.properties.uploads().maxBytes(), this.properties.uploads().maxLine());
		return this.importer.importJudgments(study, upload, csv, name);
	}

	private static boolean includeAttentionChecks(String value) {
		if (value == null || value.isBlank() || value.equals("exclude")) {
			return false;
		}
		if (value.equals("include")) {
			return true;
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "attention_checks must be 'include' or 'exclude'");
	}

	private Study study(long id) {
		return this.studies.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + id));
	}

}
