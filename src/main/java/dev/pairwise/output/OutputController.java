package dev.pairwise.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSetSummary;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class OutputController {

	static final int PAGE_SIZE = 100;

	private final Outputs outputs;

	private final EvalSets evalSets;

	private final OutputImporter importer;

	private final PairwiseProperties properties;

	OutputController(Outputs outputs, EvalSets evalSets, OutputImporter importer, PairwiseProperties properties) {
		this.outputs = outputs;
		this.evalSets = evalSets;
		this.importer = importer;
		this.properties = properties;
	}

	/**
	 * The models a page at a time, so that the page's size does not grow with the number
	 * of models (a CSV can name thousands).
	 */
	@GetMapping("/models")
	String coverage(@RequestParam(defaultValue = "1") int page, Model model) {
		int pages = Math.max(1, (this.outputs.modelCount() + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(page, 1), pages);
		model.addAttribute("evalSets", this.evalSets.list());
		model.addAttribute("coverage", this.outputs.coverage((current - 1) * PAGE_SIZE, PAGE_SIZE));
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		return "output/models";
	}

	@PostMapping("/models/outputs")
	String upload(@RequestParam long evalSetId, @RequestParam(required = false) String model,
			@RequestParam("outputs") MultipartFile file, Model page, RedirectAttributes redirect) throws IOException {
		EvalSetRef evalSet = this.evalSets.find(evalSetId).map(EvalSetSummary::ref).orElse(null);
		String fileName = (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) ? "outputs"
				: file.getOriginalFilename();
		if (evalSet == null) {
			page.addAttribute("uploadErrors", List.of("Choose the eval set the outputs belong to."));
			return coverage(1, page);
		}
		try (InputStream input = file.getInputStream()) {
			ImportSummary summary = this.importer.importOutputs(evalSet,
					Upload.of(fileName, input, this.properties.uploads().maxBytes(),
							this.properties.uploads().maxLine()),
					OutputFormat.fromFileName(fileName), (model == null || model.isBlank()) ? null : model.trim());
			redirect.addFlashAttribute("uploaded", summary.outputsByModel());
			return "redirect:/models";
		}
		catch (ImportRejectedException ex) {
			page.addAttribute("uploadErrors", ex.describeErrors());
			page.addAttribute("chosenEvalSet", evalSetId);
			page.addAttribute("chosenModel", model);
			return coverage(1, page);
		}
	}

}
