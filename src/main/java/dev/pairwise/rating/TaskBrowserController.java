package dev.pairwise.rating;

import java.util.List;

import dev.pairwise.evalset.EvalSetSummary;
import dev.pairwise.evalset.EvalSets;
import dev.pairwise.rating.TaskBrowserRepository.TaskRow;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin's list of a study's tasks, filtered by category, setting, item, agreement of
 * the judgments and flags, a page at a time; each task opens in
 * {@link TaskReviewController}.
 */
@Controller
class TaskBrowserController {

	static final int DEFAULT_PAGE_SIZE = 50;

	static final int MAX_PAGE_SIZE = 500;

	private final TaskBrowserRepository repository;

	private final Studies studies;

	private final EvalSets evalSets;

	TaskBrowserController(TaskBrowserRepository repository, Studies studies, EvalSets evalSets) {
		this.repository = repository;
		this.studies = studies;
		this.evalSets = evalSets;
	}

	@GetMapping("/studies/{id}/tasks")
	String tasks(@PathVariable long id, @RequestParam(required = false) String category,
			@RequestParam(required = false) String setting, @RequestParam(required = false) String item,
			@RequestParam(defaultValue = "any") String agreement, @RequestParam(defaultValue = "false") boolean flagged,
			@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "50") int size, Model model) {
		Study study = this.studies.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No study with id " + id));
		TaskFilter.Agreement wanted = TaskFilter.Agreement.of(agreement);
		if (wanted == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"agreement must be 'any', 'disagree' or 'agree', not '" + agreement + "'");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
		}
		TaskFilter filter = new TaskFilter(category, setting, item, wanted, flagged);
		List<TaskRow> rows = this.repository.page(id, filter, after, size);
		boolean more = rows.size() > size;
		List<TaskRow> page = more ? rows.subList(0, size) : rows;
		EvalSetSummary set = this.evalSets.find(study.evalSetId()).orElseThrow();
		model.addAttribute("study", study);
		model.addAttribute("filter", filter);
		model.addAttribute("tasks", page);
		model.addAttribute("after", after);
		model.addAttribute("size", size);
		model.addAttribute("nextAfter", more ? page.get(page.size() - 1).id() : null);
		model.addAttribute("categories",
				study.categories().isEmpty() ? List.copyOf(set.categories().keySet()) : study.categories());
		model.addAttribute("settings",
				study.settings().isEmpty() ? List.copyOf(set.settings().keySet()) : study.settings());
		model.addAttribute("agreements", List.of(TaskFilter.Agreement.values()));
		return "rating/tasks";
	}

}
