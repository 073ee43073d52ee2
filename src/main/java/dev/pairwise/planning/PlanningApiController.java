package dev.pairwise.planning;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Power planning over the API. A POST, as the request is a document, though nothing
 * changes: researchers and owners may plan (as they create studies); viewers may not.
 */
@RestController
@RequestMapping("/api/studies")
class PlanningApiController {

	private final Planner planner;

	PlanningApiController(Planner planner) {
		this.planner = planner;
	}

	@PostMapping("/plan")
	Plan plan(@RequestBody PlanRequest request) {
		return this.planner.plan(request);
	}

	@PostMapping("/{id}/plan")
	Plan planForStudy(@PathVariable long id, @RequestBody(required = false) PlanRequest request) {
		return this.planner.planFor(id, (request != null) ? request
				: new PlanRequest(null, null, null, null, null, null, null, null, null, null, null));
	}

}
