package dev.pairwise.rating;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A rater's request that cannot be honoured, with the status and a message a rater can
 * act on.
 */
class RatingException extends ErrorResponseException {

	private final String messageKey;

	RatingException(HttpStatus status, String messageKey, String detail) {
		super(status, problem(status, detail), null);
		this.messageKey = messageKey;
	}

	/** The key of the rater-facing message in messages*.properties. */
	String messageKey() {
		return this.messageKey;
	}

	static RatingException notFound() {
		return new RatingException(HttpStatus.NOT_FOUND, "rate.error.notFound",
				"This link or assignment does not exist. Check that you copied the whole link.");
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

}
