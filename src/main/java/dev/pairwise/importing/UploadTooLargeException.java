package dev.pairwise.importing;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** An upload went past the configured size limit; rendered as a 413 ProblemDetail. */
public class UploadTooLargeException extends ErrorResponseException {

	public UploadTooLargeException(String file, DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(file, limit), null);
	}

	private static ProblemDetail problem(String file, DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, file
				+ " is larger than the upload limit of " + limit.toMegabytes()
				+ " MB (pairwise.uploads.max-bytes); nothing of it was imported. Split the file or raise the limit.");
		problem.setTitle("Upload too large");
		problem.setProperty("file", file);
		return problem;
	}

}
