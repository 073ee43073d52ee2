package dev.pairwise.sampling;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.evalset.EvalSetRef;
import dev.pairwise.evalset.EvalSetSummary;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;
import dev.pairwise.sampling.SampleImporter.ImportSummary;
import dev.pairwise.sampling.SampleRepository.SelectionRow;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's pages for samples: upload, the selections made, and each item's decision.
 */
@Controller
class SampleController {

	private final SampleRepository repository;

	private final SampleImporter importer;

	private final Selector selector;

	private final EvalSets evalSets;

	private final PairwiseProperties properties;

	SampleController(SampleRepository repository, SampleImporter importer, Selector selector, EvalSets evalSets,
			PairwiseProperties properties) {
		this.repository = repository;
		this.importer = importer;
		this.selector = selector;
		this.evalSets = evalSets;
		this.properties = properties;
	}

	@GetMapping("/samples")
	String list(Model model) {
		model.addAttribute("selections", this.repository.selections());
		model.addAttribute("evalSets", this.evalSets.list());
		model.addAttribute("rules", SelectionRule.values());
		return "sampling/list";
	}

	@PostMapping("/samples")
	String upload(@RequestParam long evalSetId, @RequestParam(required = false) String model,
			@RequestParam(defaultValue = "flan") String selection, @RequestParam("samples") MultipartFile file,
			Model page, RedirectAttributes redirect) throws IOException {
		EvalSetRef evalSet = this.evalSets.find(evalSetId).map(EvalSetSummary::ref).orElse(null);
		SelectionRule rule = SelectionRule.of(selection);
		String fileName = (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) ? "samples"
				: file.getOriginalFilename();
		if (evalSet == null || rule == null) {
			page.addAttribute("uploadErrors", List.of("Choose the eval set and the selection rule."));
			return list(page);
		}
		String modelName = (model == null || model.isBlank()) ? null : model.trim();
		try (InputStream input = file.getInputStream()) {
			ImportSummary summary = this.importer.importSamples(evalSet,
					Upload.of(fileName, input, this.properties.uploads().maxBytes(),
							this.properties.uploads().maxLine()),
					fileName.toLowerCase().endsWith(".csv"), modelName, rule);
			redirect.addFlashAttribute("uploaded", new ArrayList<>(summary.byModel().values()));
			return "redirect:/samples";
		}
		catch (ImportRejectedException ex) {
			page.addAttribute("uploadErrors", ex.describeErrors());
		}
		catch (ResponseStatusException ex) {
			page.addAttribute("uploadErrors", List.of(ex.getReason()));
		}
		page.addAttribute("chosenEvalSet", evalSetId);
		page.addAttribute("chosenModel", model);
		return list(page);
	}

	@GetMapping("/samples/{evalSetId}/{model}")
	String selection(@PathVariable long evalSetId, @PathVariable String model, Model page) {
		SelectionRow selection = this.repository.selection(evalSetId, model)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"model '" + model + "' has no samples on this eval set"));
		page.addAttribute("selection", selection);
		page.addAttribute("items", this.selector.report(evalSetId, model, selection.rule()));
		page.addAttribute("rules", SelectionRule.values());
		return "sampling/selection";
	}

	@PostMapping("/samples/{evalSetId}/{model}/selection")
	String reselect(@PathVariable long evalSetId, @PathVariable String model, @RequestParam String rule,
			RedirectAttributes redirect) {
		try {
			this.selector.select(evalSetId, model, SampleApiController.rule(rule));
			redirect.addFlashAttribute("reselected", rule);
		}
		catch (ResponseStatusException ex) {
			redirect.addFlashAttribute("selectionError", ex.getReason());
		}
		redirect.addAttribute("evalSetId", evalSetId);
		redirect.addAttribute("model", model);
		return "redirect:/samples/{evalSetId}/{model}";
	}

}
