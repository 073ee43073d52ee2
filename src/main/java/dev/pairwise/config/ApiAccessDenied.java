package dev.pairwise.config;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A refused API call says why in a problem body instead of a bare 403: a missing CSRF
 * token (the request came with a session cookie), a token used where only the password
 * will do, or a role below what the call needs.
 */
final class ApiAccessDenied implements AccessDeniedHandler {

	static final ApiAccessDenied INSTANCE = new ApiAccessDenied();

	private static final List<String> ROLES_FROM_THE_TOP = List.of("OWNER", "RESEARCHER", "VIEWER");

	private ApiAccessDenied() {
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		if (denied instanceof CsrfException) {
			Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "CSRF token missing",
					"This request carries a session cookie but no valid CSRF token. A page of the app sends its "
							+ "token in the X-CSRF-TOKEN header; a script should call the API with an API token "
							+ "(Authorization: Bearer …) or HTTP Basic.");
			return;
		}
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		List<String> authorities = (caller != null)
				? caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList() : List.of();
		if (authorities.contains(ApiTokenVerifier.TOKEN_AUTHORITY) && requiresPassword(request)) {
			Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Password sign-in needed",
					"An API token cannot manage tokens, passwords or sessions; "
							+ "sign in with the account's password for that.");
			return;
		}
		String role = ROLES_FROM_THE_TOP.stream()
			.filter((candidate) -> authorities.contains("ROLE_" + candidate))
			.findFirst()
			.map((top) -> top.toLowerCase(Locale.ROOT))
			.orElse("none");
		Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Not allowed for your role",
				"Your role ('" + role + "') may not do this. Viewers read; researchers also change eval sets, "
						+ "outputs and studies; owners also manage accounts and read the audit log.");
	}

	private static boolean requiresPassword(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/tokens");
	}

}
