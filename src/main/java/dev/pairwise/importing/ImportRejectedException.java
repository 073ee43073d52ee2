package dev.pairwise.importing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A file was refused and nothing of it was stored. Rendered by Spring MVC as a 400
 * ProblemDetail whose {@code errors} property lists where and what.
 */
public class ImportRejectedException extends ErrorResponseException {

	private final String file;

	private final List<ImportError> errors;

	public ImportRejectedException(String file, List<ImportError> errors) {
		super(HttpStatus.BAD_REQUEST, problem(file, errors), null);
		this.file = file;
		this.errors = List.copyOf(errors);
	}

	public ImportRejectedException(String file, ImportError error) {
		this(file, List.of(error));
	}

	public String file() {
		return this.file;
	}

	public List<ImportError> errors() {
		return this.errors;
	}

	/** One sentence per error, prefixed with the file name, for pages and logs. */
	public List<String> describeErrors() {
		return this.errors.stream().map((error) -> this.file + ", " + error.describe()).toList();
	}

	@Override
	public String getMessage() {
		return summary(this.file, this.errors);
	}

	private static ProblemDetail problem(String file, List<ImportError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, summary(file, errors));
		problem.setTitle("Import rejected");
		problem.setProperty("file", file);
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String summary(String file, List<ImportError> errors) {
		String first = errors.isEmpty() ? "" : ": " + errors.get(0).describe();
		String count = (errors.size() == 1) ? "1 error" : errors.size() + " errors";
		return file + " has " + count + " and nothing of it was imported" + first;
	}

}
