package dev.pairwise.rating;

import java.util.List;

import dev.pairwise.rating.ProgressRepository.FlagCounts;
import dev.pairwise.rating.ProgressRepository.GroupProgress;
import dev.pairwise.rating.ProgressRepository.RaterProgress;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Live progress of a study for its admin: a page that refreshes itself, and the same as
 * JSON.
 */
@Controller
class ProgressController {

	/** Reported problems per page: the list is paged, as a study may hold many. */
	static final int PROBLEMS_PER_PAGE = 50;

	private final ProgressRepository repository;

	private final Studies studies;

	ProgressController(ProgressRepository repository, Studies studies) {
		this.repository = repository;
		this.studies = studies;
	}

	@GetMapping("/api/studies/{id}/progress")
	@ResponseBody
	StudyProgress progressJson(@PathVariable long id) {
		return progress(study(id));
	}

	@GetMapping("/studies/{id}/progress")
	String progressPage(@PathVariable long id, @RequestParam(defaultValue = "1") int problemsPage, Model model) {
		Study study = study(id);
		model.addAttribute("study", study);
		model.addAttribute("progress", progress(study));
		FlagCounts counts = this.repository.flagCounts(id);
		int pages = (int) Math.max(1, (counts.flags() + PROBLEMS_PER_PAGE - 1) / PROBLEMS_PER_PAGE);
		int page = Math.min(Math.max(problemsPage, 1), pages);
		model.addAttribute("flagCounts", counts);
		model.addAttribute("flagsByCategory", this.repository.flagsByCategory(id));
		model.addAttribute("flags", this.repository.flags(id, (page - 1) * PROBLEMS_PER_PAGE, PROBLEMS_PER_PAGE));
		model.addAttribute("problemsPage", page);
		model.addAttribute("problemsPages", pages);
		return "rating/progress";
	}

	private StudyProgress progress(Study study) {
		List<GroupProgress> categories = this.repository.byGroup(study.id(), "category");
		long done = categories.stream().mapToLong(GroupProgress::done).sum();
		long needed = categories.stream().mapToLong(GroupProgress::needed).sum();
		long leased = categories.stream().mapToLong(GroupProgress::leased).sum();
		return new StudyProgress(study.id(), study.state().id(), done, needed, leased, categories,
				this.repository.byGroup(study.id(), "setting"), this.repository.byRater(study.id()));
	}

	private Study study(long id) {
		return this.studies.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + id));
	}

	record StudyProgress(long studyId, String state, long done, long needed, long leased,
			List<GroupProgress> byCategory, List<GroupProgress> bySetting, List<RaterProgress> byRater) {

		public int percent() {
			return (this.needed == 0) ? 0 : (int) Math.floor(100.0 * this.done / this.needed);
		}

	}

}
