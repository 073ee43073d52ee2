package dev.pairwise.config;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * What a caller without credentials is told. A browser is never challenged for HTTP
 * Basic: credentials it once typed into that prompt would be sent with every later
 * request, a forged cross-site one too. So a browser's page navigation goes to the
 * sign-in page, and its other requests (scripts, images) get a plain 401; only clients
 * that are not browsers get the Basic challenge.
 */
final class SignInEntryPoint implements AuthenticationEntryPoint {

	static final SignInEntryPoint INSTANCE = new SignInEntryPoint();

	private final LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");

	private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

	private SignInEntryPoint() {
		this.basic.setRealmName("Pairwise");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException, ServletException {
		if (SignInThrottle.isLockedOut(failure)) {
			SignInThrottle.answer(response, failure);
		}
		else if (isNavigation(request)) {
			this.login.commence(request, response, failure);
		}
		else if (isBrowser(request)) {
			Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Not signed in",
					"Sign in again: you are not signed in, or your session has ended.");
		}
		else {
			this.basic.commence(request, response, failure);
		}
	}

	private static boolean isNavigation(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return "navigate".equals(request.getHeader("Sec-Fetch-Mode"))
				|| (accept != null && accept.contains("text/html"));
	}

	/** Browsers send {@code Sec-Fetch-*} headers with every request, scripts do not. */
	private static boolean isBrowser(HttpServletRequest request) {
		return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null;
	}

}
