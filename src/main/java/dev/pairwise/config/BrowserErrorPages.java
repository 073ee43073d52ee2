package dev.pairwise.config;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

/**
 * A browser that asks for a page gets the app's error page, not the JSON ProblemDetail
 * that API clients get: an error with a known status (not found, upload too large, bad
 * request ...) is sent as that status to the error page. API paths and clients that do
 * not ask for HTML keep the ProblemDetail, with its message.
 */
@Component
class BrowserErrorPages extends DefaultHandlerExceptionResolver {

	BrowserErrorPages() {
		// Before the ProblemDetail handler, which would answer JSON to a browser.
		setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
	}

	@Override
	protected boolean shouldApplyTo(HttpServletRequest request, Object handler) {
		return wantsPage(request);
	}

	/** A request for a page, rather than the API, from a client that accepts HTML. */
	static boolean wantsPage(HttpServletRequest request) {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return false;
		}
		try {
			List<MediaType> accepted = MediaType.parseMediaTypes(request.getHeader("Accept"));
			return accepted.stream()
				.anyMatch((type) -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
