package dev.pairwise.home;

import java.util.List;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.output.Outputs;
import dev.pairwise.study.PublicUrl;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin's start page: what is loaded, the studies, and the demo study's rater link.
 */
@Controller
class HomeController {

	private final EvalSets evalSets;

	private final Outputs outputs;

	private final Studies studies;

	private final PublicUrl publicUrl;

	HomeController(EvalSets evalSets, Outputs outputs, Studies studies, PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
		this.evalSets = evalSets;
		this.outputs = outputs;
		this.studies = studies;
	}

	@GetMapping("/")
	String home(Model model) {
		List<Study> studies = this.studies.list();
		model.addAttribute("evalSetCount", this.evalSets.count());
		model.addAttribute("modelCount", this.outputs.modelCount());
		model.addAttribute("studies", studies);
		model.addAttribute("progress", this.studies.progress());
		studies.stream()
			.filter((study) -> study.demoInviteUrl() != null && study.isOpen())
			.findFirst()
			.ifPresent((demo) -> {
				model.addAttribute("demo", demo);
				model.addAttribute("demoUrl", this.publicUrl.base() + demo.demoInviteUrl());
			});
		return "home/home";
	}

}
