package dev.pairwise.deletion;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The delete buttons of the eval-set and models pages. */
@Controller
class EvalSetDeletionController {

	private final EvalSetDeletion deletion;

	EvalSetDeletionController(EvalSetDeletion deletion) {
		this.deletion = deletion;
	}

	@PostMapping("/eval-sets/by-name/{name}/delete")
	String deleteEvalSet(@PathVariable String name) {
		this.deletion.deleteEvalSet(name);
		return "redirect:/eval-sets";
	}

	@PostMapping("/eval-sets/by-name/{name}/models/{model}/delete")
	String deleteModel(@PathVariable String name, @PathVariable String model) {
		this.deletion.deleteModel(name, model);
		return "redirect:/models";
	}

}
