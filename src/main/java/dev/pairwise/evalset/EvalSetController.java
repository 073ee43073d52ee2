package dev.pairwise.evalset;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class EvalSetController {

	private static final int PAGE_SIZE = 25;

	private final EvalSets evalSets;

	private final EvalSetRepository repository;

	private final EvalSetImporter importer;

	private final PairwiseProperties properties;

	EvalSetController(EvalSets evalSets, EvalSetRepository repository, EvalSetImporter importer,
			PairwiseProperties properties) {
		this.evalSets = evalSets;
		this.repository = repository;
		this.importer = importer;
		this.properties = properties;
	}

	@GetMapping("/eval-sets")
	String list(Model model) {
		model.addAttribute("evalSets", this.evalSets.list());
		return "evalset/list";
	}

	@PostMapping("/eval-sets")
	String upload(@RequestParam String name, @RequestParam String version, @RequestParam(required = false) String title,
			@RequestParam(required = false) String description, @RequestParam("items") MultipartFile file, Model model,
			RedirectAttributes redirect) throws IOException {
		try (InputStream input = file.getInputStream()) {
			String fileName = (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())
					? "items.jsonl" : file.getOriginalFilename();
			EvalSetSummary loaded = this.importer.importItems(EvalSetHeader.of(name, version, title, description),
					Upload.of(fileName, input, this.properties.uploads().maxBytes(),
							this.properties.uploads().maxLine()));
			redirect.addFlashAttribute("uploaded", loaded.items());
			return "redirect:/eval-sets/" + loaded.id();
		}
		catch (ImportRejectedException ex) {
			model.addAttribute("uploadErrors", ex.describeErrors());
		}
		catch (ErrorResponseException ex) {
			model.addAttribute("uploadErrors", List.of(ex.getBody().getDetail()));
		}
		model.addAttribute("upload", new UploadForm(name, version, title, description));
		model.addAttribute("evalSets", this.evalSets.list());
		return "evalset/list";
	}

	@GetMapping("/eval-sets/{id}")
	String items(@PathVariable long id, @RequestParam(required = false) String category,
			@RequestParam(required = false) String setting, @RequestParam(defaultValue = "1") int page, Model model) {
		EvalSetSummary evalSet = this.evalSets.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such eval set"));
		String categoryFilter = blankToNull(category);
		String settingFilter = blankToNull(setting);
		int total = this.repository.countItems(id, categoryFilter, settingFilter);
		int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(page, 1), pages);
		model.addAttribute("evalSet", evalSet);
		model.addAttribute("category", categoryFilter);
		model.addAttribute("setting", settingFilter);
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		model.addAttribute("items",
				this.repository.findItems(id, categoryFilter, settingFilter, (current - 1) * PAGE_SIZE, PAGE_SIZE)
					.stream()
					.map(ItemView::of)
					.toList());
		return "evalset/items";
	}

	/** What the admin typed, shown again when the upload is refused. */
	record UploadForm(String name, String version, String title, String description) {
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
