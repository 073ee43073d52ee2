package dev.pairwise.study;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where raters and admins reach this instance, for every absolute URL the app hands out
 * (invite links, the demo link): {@code pairwise.public-url}
 * ({@code PAIRWISE_PUBLIC_URL}) when set, so that a forged {@code Host} header cannot
 * point an invite elsewhere; the request's own address only when it is unset.
 */
@Component
public class PublicUrl {

	private final String configured;

	PublicUrl(@Value("${pairwise.public-url:}") String configured) {
		String trimmed = configured.strip();
		this.configured = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/** The base URL, without a trailing slash, during a request. */
	public String base() {
		return this.configured.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
				: this.configured;
	}

	/** The base URL outside a request, given where the server listens. */
	public String base(String localFallback) {
		return this.configured.isEmpty() ? localFallback : this.configured;
	}

}
