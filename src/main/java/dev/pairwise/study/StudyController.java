package dev.pairwise.study;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pairwise.evalset.EvalSetSummary;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.importing.CsvCells;
import dev.pairwise.output.Outputs;
import dev.pairwise.study.StudyValidationException.FieldProblem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class StudyController {

	private final StudyService service;

	private final Studies studies;

	private final StudyRepository repository;

	private final Raters raters;

	private final EvalSets evalSets;

	private final Outputs outputs;

	private final PublicUrl publicUrl;

	private final ObjectProvider<StudyPageSection> sections;

	StudyController(StudyService service, Studies studies, StudyRepository repository, Raters raters, EvalSets evalSets,
			Outputs outputs, PublicUrl publicUrl, ObjectProvider<StudyPageSection> sections) {
		this.publicUrl = publicUrl;
		this.sections = sections;
		this.service = service;
		this.studies = studies;
		this.repository = repository;
		this.raters = raters;
		this.evalSets = evalSets;
		this.outputs = outputs;
	}

	@GetMapping("/studies")
	String list(@RequestParam(defaultValue = "false") boolean archived, Model model) {
		List<Study> all = archived ? this.studies.archived() : this.studies.list();
		model.addAttribute("archived", archived);
		model.addAttribute("studies", all);
		model.addAttribute("progress", this.repository.progressByStudy());
		return "study/list";
	}

	@GetMapping("/studies/new")
	String newStudy(@RequestParam(required = false) Long evalSetId, Model model) {
		List<EvalSetSummary> sets = this.evalSets.list();
		Long chosen = (evalSetId == null && sets.size() == 1) ? Long.valueOf(sets.get(0).id()) : evalSetId;
		return form(StudyForm.blank(chosen), List.of(), model);
	}

	@PostMapping("/studies")
	String create(StudyForm form, Model model, RedirectAttributes redirect) {
		Optional<EvalSetSummary> set = (form.evalSetId() != null) ? this.evalSets.find(form.evalSetId())
				: Optional.empty();
		try {
			StudyService.StudyCreated created = this.service.create(form
				.toCommand(set.map(EvalSetSummary::name).orElse(null), set.map(EvalSetSummary::version).orElse(null)));
			redirect.addFlashAttribute("created", created);
			return "redirect:/studies/" + created.id();
		}
		catch (StudyValidationException ex) {
			return form(form, ex.problems(), model);
		}
	}

	/** The live task count shown while the form is filled in. */
	@GetMapping(path = "/studies/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> preview(StudyForm form) {
		Optional<EvalSetSummary> set = (form.evalSetId() != null) ? this.evalSets.find(form.evalSetId())
				: Optional.empty();
		try {
			StudyService.TaskCount count = this.service.preview(form
				.toCommand(set.map(EvalSetSummary::name).orElse(null), set.map(EvalSetSummary::version).orElse(null)));
			return Map.of("tasks", count.tasks(), "judgmentsNeeded", count.judgmentsNeeded(), "attentionChecks",
					count.attentionChecks());
		}
		catch (StudyValidationException ex) {
			return Map.of("errors", ex.problems());
		}
	}

	@GetMapping("/studies/{id}")
	String show(@PathVariable long id, Model model) {
		Study study = this.service.find(id);
		model.addAttribute("study", study);
		model.addAttribute("raters", this.raters.list(id));
		model.addAttribute("tasks", this.repository.countTasks(id, false));
		model.addAttribute("attentionChecks", this.repository.countTasks(id, true));
		model.addAttribute("progress", this.repository.progressByStudy().get(id));
		model.addAttribute("baseUrl", baseUrl());
		model.addAttribute("archived", this.repository.isArchived(id));
		model.addAttribute("sections",
				this.sections.orderedStream()
					.map((section) -> new SectionView(section.template(), section.model(id)))
					.toList());
		return "study/show";
	}

	@PostMapping("/studies/{id}/open")
	String open(@PathVariable long id) {
		this.service.open(id);
		return "redirect:/studies/" + id;
	}

	@PostMapping("/studies/{id}/close")
	String close(@PathVariable long id) {
		this.service.close(id);
		return "redirect:/studies/" + id;
	}

	@PostMapping("/studies/{id}/delete")
	String delete(@PathVariable long id) {
		this.service.delete(id);
		return "redirect:/studies";
	}

	@PostMapping("/studies/{id}/archive")
	String archive(@PathVariable long id) {
		this.service.archive(id, true);
		return "redirect:/studies/" + id;
	}

	@PostMapping("/studies/{id}/restore")
	String restore(@PathVariable long id) {
		this.service.archive(id, false);
		return "redirect:/studies/" + id;
	}

	@PostMapping("/studies/{id}/invites")
	Object invite(@PathVariable long id, @RequestParam(defaultValue = "1") int count,
			@RequestParam(required = false) String label, @RequestParam(required = false) Integer quota,
			@RequestParam(defaultValue = "page") String format, RedirectAttributes redirect) throws IOException {
		Study study = this.service.find(id);
		int bounded = Math.max(1, Math.min(count, 1000));
		Integer positiveQuota = (quota != null && quota > 0) ? quota : null;
		List<Raters.NewInvite> invites = this.raters.create(id, bounded, label, positiveQuota);
		String base = baseUrl();
		if ("csv".equals(format)) {
			StringWriter csv = new StringWriter();
			try (CSVPrinter printer = new CSVPrinter(csv,
					CSVFormat.RFC4180.builder().setHeader("rater_id", "label", "quota", "url").get())) {
				for (Raters.NewInvite invite : invites) {
					printer.printRecord(
							CsvCells.record(invite.raterId(), invite.label(), positiveQuota, invite.url(base)));
				}
			}
			return ResponseEntity.ok()
				.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename("invites-study-" + study.id() + ".csv")
							.build()
							.toString())
				.body(csv.toString());
		}
		redirect.addFlashAttribute("newInvites", invites.stream().map((invite) -> invite.url(base)).toList());
		redirect.addFlashAttribute("newLabels", invites.stream().map(Raters.NewInvite::label).toList());
		return "redirect:/studies/" + id;
	}

	@PostMapping("/studies/{id}/invites/{raterId}/revoke")
	String revoke(@PathVariable long id, @PathVariable long raterId) {
		this.raters.revoke(id, raterId);
		return "redirect:/studies/" + id;
	}

	private String form(StudyForm form, List<FieldProblem> problems, Model model) {
		List<EvalSetSummary> sets = this.evalSets.list();
		model.addAttribute("form", form);
		model.addAttribute("problems", problems);
		model.addAttribute("evalSets", sets);
		Optional<EvalSetSummary> chosen = (form.evalSetId() != null) ? this.evalSets.find(form.evalSetId())
				: Optional.empty();
		model.addAttribute("evalSet", chosen.orElse(null));
		model.addAttribute("models", chosen.map((set) -> this.outputs.outputCounts(set.id())).orElse(Map.of()));
		return "study/new";
	}

	/**
	 * A cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab
	 * or a carriage return) gets a leading apostrophe.
	 */
	private String baseUrl() {
		return this.publicUrl.base();
	}

	/** Another feature's section of the study page, ready for its template. */
	record SectionView(String template, Object model) {
	}

}
