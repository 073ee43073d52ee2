package dev.pairwise.study;

import java.util.List;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.output.Outputs;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a first start with the bundled set, creates and opens a demo study (the two
 * hand-written demo output sets, 3 judgments per task), so that a new user can rate at
 * once. Recruitment gives it an open link, on which each visitor gets a rater of their
 * own, and prints that link at every start while the study is open.
 */
@Component
@Order(2)
class DemoStudy implements ApplicationRunner {

	static final String NAME = "Flan-style demo";

	private static final String EVAL_SET = "flan-style-190";

	private static final List<String> MODELS = List.of("instruction-tuned-demo", "base-demo");

	private final StudyService service;

	private final StudyRepository repository;

	private final EvalSets evalSets;

	private final Outputs outputs;

	DemoStudy(StudyService service, StudyRepository repository, EvalSets evalSets, Outputs outputs) {
		this.service = service;
		this.repository = repository;
		this.evalSets = evalSets;
		this.outputs = outputs;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.repository.findByName(NAME).isEmpty()) {
			create();
		}
	}

	private void create() {
		Long evalSetId = this.evalSets.find(EVAL_SET, null).map((set) -> set.id()).orElse(null);
		if (evalSetId == null || !this.outputs.modelsOf(evalSetId).containsAll(MODELS)) {
			return;
		}
		StudyCommand command = new StudyCommand(NAME, EVAL_SET, null, MODELS, "all-pairs", null, 3, "preference",
				List.of(), List.of(), 0.0, StudyForm.DEFAULT_INSTRUCTIONS, false, false, null, false, List.of(), null,
				null);
		StudyService.StudyCreated created = this.service.create(command);
		this.service.open(created.id());
	}

}
