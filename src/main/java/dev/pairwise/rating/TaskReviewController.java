package dev.pairwise.rating;

import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin's view of one task, opened from a reported problem on the progress page: what
 * the raters were shown, which model wrote what, and what each rater answered.
 */
@Controller
class TaskReviewController {

	private final TaskReviewRepository repository;

	private final Studies studies;

	TaskReviewController(TaskReviewRepository repository, Studies studies) {
		this.repository = repository;
		this.studies = studies;
	}

	@GetMapping("/studies/{id}/tasks/{taskId}")
	String task(@PathVariable long id, @PathVariable long taskId, Model model) {
		Study study = this.studies.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + id));
		model.addAttribute("study", study);
		model.addAttribute("task", this.repository.task(id, taskId)
			.orElseThrow(
					() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No task " + taskId + " in study " + id)));
		model.addAttribute("judgments", this.repository.judgments(taskId));
		model.addAttribute("flags", this.repository.flags(taskId));
		return "rating/task-review";
	}

}
