package dev.pairwise.study;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A study definition that cannot be created; a 400 with one entry per field at fault. */
class StudyValidationException extends ErrorResponseException {

	private final List<FieldProblem> problems;

	StudyValidationException(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST, problem(problems), null);
		this.problems = List.copyOf(problems);
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

	private static ProblemDetail problem(List<FieldProblem> problems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The study cannot be created: " + problems.get(0).field() + " " + problems.get(0).message());
		problem.setTitle("Invalid study");
		problem.setProperty("errors", problems);
		return problem;
	}

	record FieldProblem(String field, String message) {
	}

}
