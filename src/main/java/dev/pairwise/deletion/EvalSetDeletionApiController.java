package dev.pairwise.deletion;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/eval-sets/{name}")
class EvalSetDeletionApiController {

	private final EvalSetDeletion deletion;

	EvalSetDeletionApiController(EvalSetDeletion deletion) {
		this.deletion = deletion;
	}

	@DeleteMapping
	ResponseEntity<Void> deleteEvalSet(@PathVariable String name) {
		this.deletion.deleteEvalSet(name);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/models/{model}")
	ResponseEntity<Void> deleteModel(@PathVariable String name, @PathVariable String model) {
		this.deletion.deleteModel(name, model);
		return ResponseEntity.noContent().build();
	}

}
