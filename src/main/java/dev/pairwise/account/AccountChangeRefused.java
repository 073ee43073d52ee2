package dev.pairwise.account;

import org.springframework.http.HttpStatus;

/**
 * An account or token change that cannot be made, with the status and a message the
 * person can act on; the API answers it as a ProblemDetail and the pages show the
 * message.
 */
class AccountChangeRefused extends RuntimeException {

	private final HttpStatus status;

	AccountChangeRefused(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

}
