package dev.pairwise.recruitment;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.pairwise.study.PublicUrl;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A study's recruitment link: set up (again), read, pause, resume, revoke. */
@RestController
@RequestMapping("/api/studies/{id}/recruitment")
class RecruitmentApiController {

	private final Recruitment recruitment;

	private final PublicUrl publicUrl;

	RecruitmentApiController(Recruitment recruitment, PublicUrl publicUrl) {
		this.recruitment = recruitment;
		this.publicUrl = publicUrl;
	}

	@PostMapping
	Map<String, Object> configure(@PathVariable long id, @RequestBody RecruitmentCommand command) {
		return json(this.recruitment.configure(id, command));
	}

	@GetMapping
	Map<String, Object> get(@PathVariable long id) {
		return json(this.recruitment.linkOf(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Study " + id
					+ " has no recruitment link; create one with POST /api/studies/" + id + "/recruitment")));
	}

	@PostMapping("/pause")
	Map<String, Object> pause(@PathVariable long id) {
		return json(this.recruitment.setState(id, RecruitmentLink.PAUSED));
	}

	@PostMapping("/resume")
	Map<String, Object> resume(@PathVariable long id) {
		return json(this.recruitment.setState(id, RecruitmentLink.ACTIVE));
	}

	@PostMapping("/revoke")
	Map<String, Object> revoke(@PathVariable long id) {
		return json(this.recruitment.setState(id, RecruitmentLink.REVOKED));
	}

	private Map<String, Object> json(RecruitmentLink link) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("url", link.url(this.publicUrl.base()));
		json.put("state", link.state());
		json.put("participantParam", link.participantParam());
		json.put("extraParams", link.extraParams());
		json.put("tasksPerParticipant", link.tasksPerParticipant());
		json.put("maxParticipants", link.maxParticipants());
		json.put("completionCode", link.completionCode());
		json.put("completionUrl", link.completionUrl());
		json.put("screenOutCode", link.screenOutCode());
		json.put("screenOutUrl", link.screenOutUrl());
		json.put("consent", link.consent());
		json.put("estimatedMinutes", link.estimatedMinutes());
		json.put("qualification", qualification(link));
		json.put("attentionPolicy", link.attentionPolicy().id());
		json.put("attentionLimit", link.attentionLimit());
		json.put("generateParticipantIds", link.generateParticipantIds());
		return json;
	}

	/** The admin's own questions, and the built-in checks as the number asked for. */
	private static Map<String, Object> qualification(RecruitmentLink link) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("passMark", link.passMark());
		json.put("questions",
				link.adminQuestions()
					.stream()
					.map((question) -> Map.of("item", question.item(), "answer", question.answer(), "explanation",
							question.explanation()))
					.toList());
		json.put("attentionChecks", link.attentionChecks());
		return json;
	}

}
