package dev.pairwise.planning;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A plan request that cannot be answered: a 400 with one entry per field at fault. */
class PlanRejected extends ErrorResponseException {

	PlanRejected(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST, problem(problems), null);
	}

	private static ProblemDetail problem(List<FieldProblem> problems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The plan cannot be made: " + problems.get(0).field() + " " + problems.get(0).message());
		problem.setTitle("Invalid plan request");
		problem.setProperty("errors", problems);
		return problem;
	}

	record FieldProblem(String field, String message) {
	}

}
