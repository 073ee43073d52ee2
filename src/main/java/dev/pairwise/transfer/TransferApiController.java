package dev.pairwise.transfer;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.Upload;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Export of a study as one JSON bundle, and import of such a bundle as a new study (admin
 * only, like all of {@code /api/studies}).
 */
@RestController
class TransferApiController {

	private final StudyExporter exporter;

	private final StudyImporter importer;

	private final PairwiseProperties properties;

	TransferApiController(StudyExporter exporter, StudyImporter importer, PairwiseProperties properties) {
		this.exporter = exporter;
		this.importer = importer;
		this.properties = properties;
	}

	@GetMapping("/api/studies/{id}/export")
	void export(@PathVariable long id, HttpServletResponse response) throws IOException {
		String name = this.exporter.studyName(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + id));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename(fileName(id, name), java.nio.charset.StandardCharsets.UTF_8)
					.build()
					.toString());
		this.exporter.export(id, response.getOutputStream());
	}

	/** JSON only: a browser cannot send that cross-site without asking first (CORS). */
	@PostMapping(path = "/api/studies/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> importBundle(HttpServletRequest request) throws IOException {
		ImportedStudy imported = this.importer.importBundle(Upload.fromRequest("bundle.json", request,
				this.properties.uploads().maxBytes(), this.properties.uploads().maxLine()));
		return ResponseEntity.created(URI.create("/api/studies/" + imported.id())).body(summary(imported));
	}

	static Map<String, Object> summary(ImportedStudy imported) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", imported.id());
		body.put("name", imported.name());
		body.put("evalSet", imported.evalSet());
		body.put("evalSetCreated", imported.evalSetCreated());
		body.put("outputsAdded", imported.outputsAdded());
		body.put("tasks", imported.tasks());
		body.put("raters", imported.raters());
		body.put("judgments", imported.judgments());
		return body;
	}

	/**
	 * {@code study-12-april-round.json}: the id and a file-name-safe form of the name.
	 */
	static String fileName(long id, String name) {
		String slug = name.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", "-")
			.replaceAll("^-|-$", "");
		return "study-" + id + (slug.isEmpty() ? "" : "-" + slug) + ".json";
	}

}
