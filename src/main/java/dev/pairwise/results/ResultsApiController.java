package dev.pairwise.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import dev.pairwise.study.Study;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Results as JSON and CSV. */
@RestController
@RequestMapping("/api/studies/{id}")
class ResultsApiController {

	private final ResultsService results;

	ResultsApiController(ResultsService results) {
		this.results = results;
	}

	@GetMapping("/results")
	StudyResults results(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, @RequestParam(required = false) String criterion) {
		Study study = this.results.study(id);
		return this.results.results(study, this.results.query(study, ties, source, focal, bootstrap, criterion));
	}

	@GetMapping("/results.csv")
	void resultsCsv(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, @RequestParam(required = false) String criterion,
			HttpServletResponse response) throws IOException {
		Study study = this.results.study(id);
		StudyResults computed = this.results.results(study,
				this.results.query(study, ties, source, focal, bootstrap, criterion));
		try (Writer writer = csvWriter(response, "study-" + id + "-results"
				+ ((computed.criterion() != null) ? "-" + computed.criterion() : "") + ".csv")) {
			ResultsCsv.write(computed, writer);
		}
	}

	private static Writer csvWriter(HttpServletResponse response, String fileName) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		return new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
	}

}
