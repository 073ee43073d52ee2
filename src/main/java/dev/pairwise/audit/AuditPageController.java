package dev.pairwise.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The owners' "Audit log" page: the same entries and filters as the API, 50 a page. */
@Controller
class AuditPageController {

	private final AuditRepository entries;

	AuditPageController(AuditRepository entries) {
		this.entries = entries;
	}

	@GetMapping("/audit")
	String log(@RequestParam(required = false) Long study, @RequestParam(required = false) String user,
			@RequestParam(required = false) Integer page, Model model) {
		AuditQuery query = AuditQuery.of(study, user, page, AuditQuery.DEFAULT_SIZE);
		model.addAttribute("query", query);
		model.addAttribute("log", query.read(this.entries));
		return "audit/log";
	}

}
