package dev.pairwise.home;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.output.Outputs;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin's start page: what is loaded, and where to go next. */
@Controller
class HomeController {

	private final EvalSets evalSets;

	private final Outputs outputs;

	HomeController(EvalSets evalSets, Outputs outputs) {
		this.evalSets = evalSets;
		this.outputs = outputs;
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("evalSets", this.evalSets.list());
		model.addAttribute("modelsByEvalSet", this.outputs.modelsByEvalSet());
		return "home/home";
	}

}
