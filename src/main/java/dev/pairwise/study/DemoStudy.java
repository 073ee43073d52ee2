package dev.pairwise.study;

import java.util.List;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.output.Outputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On a first start with the bundled set, creates and opens a demo study (the two
 * hand-written demo output sets, 3 judgments per task) with one rater link, so that a new
 * user can rate at once. The link is printed at every start while the study is open.
 */
@Component
@Order(2)
class DemoStudy implements ApplicationRunner {

	static final String NAME = "Flan-style demo";

	private static final Logger log = LoggerFactory.getLogger(DemoStudy.class);

	private static final String EVAL_SET = "flan-style-190";

	private static final List<String> MODELS = List.of("instruction-tuned-demo", "base-demo");

	private final StudyService service;

	private final StudyRepository repository;

	private final Raters raters;

	private final EvalSets evalSets;

	private final Outputs outputs;

	private final Environment environment;

	private final PublicUrl publicUrl;

	DemoStudy(StudyService service, StudyRepository repository, Raters raters, EvalSets evalSets, Outputs outputs,
			Environment environment, PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
		this.service = service;
		this.repository = repository;
		this.raters = raters;
		this.evalSets = evalSets;
		this.outputs = outputs;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		Study existing = this.repository.findByName(NAME).orElse(null);
		if (existing == null) {
			existing = create();
		}
		if (existing != null && existing.isOpen() && existing.demoInviteUrl() != null) {
			log.info("""

					  Demo study '{}' is open. Rate it as a rater at:
					  {}{}
					""", NAME, baseUrl(), existing.demoInviteUrl());
		}
	}

	private Study create() {
		Long evalSetId = this.evalSets.find(EVAL_SET, null).map((set) -> set.id()).orElse(null);
		if (evalSetId == null || !this.outputs.modelsOf(evalSetId).containsAll(MODELS)) {
			return null;
		}
		StudyCommand command = new StudyCommand(NAME, EVAL_SET, null, MODELS, "all-pairs", null, 3, "preference",
				List.of(), List.of(), 0.0, StudyForm.DEFAULT_INSTRUCTIONS, false, false, null, false, List.of(), null,
				null);
		StudyService.StudyCreated created = this.service.create(command);
		this.service.open(created.id());
		Raters.NewInvite invite = this.raters.create(created.id(), 1, "demo", null).get(0);
		this.repository.setDemoInviteUrl(created.id(), "/r/" + invite.token());
		return this.repository.find(created.id()).orElseThrow();
	}

	private String baseUrl() {
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return this.publicUrl.base("http://localhost:" + port);
	}

}
