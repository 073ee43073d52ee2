package dev.pairwise.recruitment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import dev.pairwise.study.PublicUrl;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The records for paying and rejecting participants: the page and the CSV. */
@Controller
class ParticipantsController {

	private final ParticipantRecords records;

	private final Recruitment recruitment;

	private final Studies studies;

	private final PublicUrl publicUrl;

	ParticipantsController(ParticipantRecords records, Recruitment recruitment, Studies studies, PublicUrl publicUrl) {
		this.records = records;
		this.recruitment = recruitment;
		this.studies = studies;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/studies/{id}/participants")
	String page(@PathVariable long id, Model model) {
		Study study = requireStudy(id);
		model.addAttribute("study", study);
		model.addAttribute("link", this.recruitment.linkOf(id).orElse(null));
		model.addAttribute("linkUrl",
				this.recruitment.linkOf(id).map((link) -> link.url(this.publicUrl.base())).orElse(null));
		model.addAttribute("participants", this.records.of(id));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form",
					this.recruitment.linkOf(id).map(RecruitmentForm::of).orElse(RecruitmentForm.EMPTY));
		}
		return "recruitment/participants";
	}

	/**
	 * Sets the link up from the form of the study page or of this page, and goes back
	 * there; a mistake shows this page with the form as it was sent, and the problem.
	 */
	@PostMapping("/studies/{id}/recruitment")
	String configure(@PathVariable long id, RecruitmentForm form, @RequestParam(required = false) String from,
			Model model, HttpServletResponse response) {
		try {
			this.recruitment.configure(id, form.command());
			return back(id, from);
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().value() != HttpStatus.BAD_REQUEST.value()) {
				throw ex;
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("formError", ex.getReason());
			model.addAttribute("form", form);
			return page(id, model);
		}
	}

	@PostMapping("/studies/{id}/recruitment/pause")
	String pause(@PathVariable long id, @RequestParam(required = false) String from) {
		return changeState(id, RecruitmentLink.PAUSED, from);
	}

	@PostMapping("/studies/{id}/recruitment/resume")
	String resume(@PathVariable long id, @RequestParam(required = false) String from) {
		return changeState(id, RecruitmentLink.ACTIVE, from);
	}

	@PostMapping("/studies/{id}/recruitment/revoke")
	String revoke(@PathVariable long id, @RequestParam(required = false) String from) {
		return changeState(id, RecruitmentLink.REVOKED, from);
	}

	@GetMapping("/api/studies/{id}/participants.csv")
	void csv(@PathVariable long id, HttpServletResponse response) throws IOException {
		requireStudy(id);
		List<ParticipantRecord> rows = this.records.of(id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"participants-" + id + ".csv\"");
		try (Writer writer = new BufferedWriter(
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
			ParticipantsCsv.write(rows, writer);
		}
	}

	private String changeState(long id, String state, String from) {
		this.recruitment.setState(id, state);
		return back(id, from);
	}

	/** Back to the study page's recruitment section when the form was sent from there. */
	private static String back(long id, String from) {
		return "study".equals(from) ? "redirect:/studies/" + id + "#recruitment"
				: "redirect:/studies/" + id + "/participants";
	}

	private Study requireStudy(long id) {
		return this.studies.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study " + id));
	}

}
