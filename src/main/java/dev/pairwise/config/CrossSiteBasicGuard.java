package dev.pairwise.config;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses changes sent with HTTP Basic from another site. A browser that once answered a
 * Basic prompt sends those credentials with every request to the app, also with a form or
 * script on another site, and without a session there is no CSRF token to check. Such a
 * request names its origin ({@code Origin}, {@code Sec-Fetch-Site}); a script calling the
 * API sends neither, or its own.
 */
class CrossSiteBasicGuard extends OncePerRequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE_METHODS.contains(request.getMethod()) && sentWithBasic(request) && fromAnotherSite(request)) {
			Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Cross-site request refused",
					"A change authenticated by HTTP Basic was sent from another site. "
							+ "Call the API from a script with an API token, or use the app's own pages.");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean sentWithBasic(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, "basic ", 0, 6);
	}

	private static boolean fromAnotherSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			return true;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		return origin != null && !isOwnOrigin(origin, request);
	}

	private static boolean isOwnOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = URI.create(origin);
			return uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName())
					&& (uri.getPort() == -1 || uri.getPort() == request.getServerPort());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
