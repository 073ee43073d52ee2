package dev.pairwise.generation;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.generation.GenerationRequest.EndpointJson;
import dev.pairwise.sampling.SelectionRule;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin's page of generation runs: start one, watch them, cancel one. */
@Controller
class GenerationController {

	private final GenerationService service;

	private final GenerationRepository repository;

	private final EvalSets evalSets;

	GenerationController(GenerationService service, GenerationRepository repository, EvalSets evalSets) {
		this.service = service;
		this.repository = repository;
		this.evalSets = evalSets;
	}

	@GetMapping("/generations")
	String list(Model model) {
		model.addAttribute("runs", this.repository.findAll());
		model.addAttribute("evalSets", this.evalSets.list());
		model.addAttribute("rules", SelectionRule.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form",
					new RunForm(null, null, "http://localhost:8000/v1", "chat", null, null, 5, 0.7, 512, "flan"));
		}
		return "generation/list";
	}

	@PostMapping("/generations")
	String start(RunForm form, Model model, RedirectAttributes redirect) {
		try {
			long id = this.service.start(form.request());
			redirect.addFlashAttribute("started", id);
			return "redirect:/generations";
		}
		catch (ResponseStatusException ex) {
			model.addAttribute("startError", ex.getReason());
			model.addAttribute("form", form.withoutKey());
			return list(model);
		}
	}

	@PostMapping("/generations/{id}/cancel")
	String cancel(@PathVariable long id) {
		this.service.cancel(id);
		return "redirect:/generations";
	}

	/** The page's form; the key is never sent back to the page. */
	record RunForm(String evalSet, String model, String baseUrl, String api, String endpointModel, String apiKey,
			Integer samples, Double temperature, Integer maxTokens, String selection) {

		GenerationRequest request() {
			return new GenerationRequest(this.evalSet, this.model,
					new EndpointJson(this.baseUrl, this.api, this.endpointModel, this.apiKey), this.samples,
					this.temperature, this.maxTokens, this.selection);
		}

		RunForm withoutKey() {
			return new RunForm(this.evalSet, this.model, this.baseUrl, this.api, this.endpointModel, null, this.samples,
					this.temperature, this.maxTokens, this.selection);
		}

		@Override
		public String toString() {
			return "RunForm[" + this.evalSet + ", " + this.model + ", " + this.baseUrl + "]";
		}

	}

}
