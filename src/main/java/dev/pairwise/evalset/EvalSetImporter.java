package dev.pairwise.evalset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Stores an eval set and its items as one transaction: any error in the file rolls back
 * the set and every item written so far, so a refused file leaves nothing behind.
 */
@Service
class EvalSetImporter {

	private static final int BATCH_SIZE = 500;

	private final EvalSetRepository repository;

	EvalSetImporter(EvalSetRepository repository) {
		this.repository = repository;
	}

	@Transactional
	EvalSetSummary importItems(EvalSetHeader header, Upload items) {
		if (!header.problems().isEmpty()) {
			throw new ImportRejectedException(items.fileName(), header.problems());
		}
		if (this.repository.exists(header.name(), header.version())) {
			throw alreadyExists(header);
		}
		long evalSetId = insertOnce(header);
		ImportErrors errors = new ImportErrors(items.fileName());
		List<ParsedItem> pending = new ArrayList<>(BATCH_SIZE);
		int[] stored = { 0 };
		new ItemParser(new HashSet<>(header.categories())).parse(items, errors, (item) -> {
			if (!errors.isEmpty()) {
				return;
			}
			pending.add(item);
			if (pending.size() == BATCH_SIZE) {
				this.repository.insertItems(evalSetId, pending, stored[0]);
				stored[0] += pending.size();
				pending.clear();
			}
		});
		errors.throwIfAny();
		this.repository.insertItems(evalSetId, pending, stored[0]);
		this.repository.recount(evalSetId);
		return this.repository.findById(evalSetId).orElseThrow();
	}

	/**
	 * Inserts the set; when a concurrent upload of the same name and version got there
	 * first, the loser waits for it and then meets its row, and answers as if the set had
	 * been there all along.
	 */
	private long insertOnce(EvalSetHeader header) {
		try {
			return this.repository.insert(header);
		}
		catch (DuplicateKeyException | PessimisticLockingFailureException ex) {
			throw alreadyExists(header);
		}
	}

	private static ErrorResponseException alreadyExists(EvalSetHeader header) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Eval set '" + header.name()
				+ "' version '" + header.version() + "' already exists; upload it under a new version to keep both.");
		problem.setTitle("Eval set exists");
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

}
