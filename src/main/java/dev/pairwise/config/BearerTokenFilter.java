package dev.pairwise.config;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer …} requests by their API token, for this
 * request only: nothing is kept in a session, and the token is checked again on the next
 * one. A token that does not verify is answered 401 at once, never treated as anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final ApiTokenVerifier verifier;

	BearerTokenFilter(ApiTokenVerifier verifier) {
		this.verifier = verifier;
	}

	static boolean hasBearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearerToken(request)) {
			chain.doFilter(request, response);
			return;
		}
		String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).trim();
		Optional<Authentication> caller = token.isEmpty() ? Optional.empty() : this.verifier.verify(token);
		if (caller.isEmpty()) {
			SecurityContextHolder.clearContext();
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Invalid API token",
					"This API token is unknown, revoked or expired, or its account is disabled.");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(caller.get());
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
