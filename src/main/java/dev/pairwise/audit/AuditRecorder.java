package dev.pairwise.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.pairwise.config.ApiTokenVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every state-changing request of a signed-in account or a token that reaches a
 * controller: before the controller runs (so that no change goes unrecorded, even one
 * that ends the process), and with its outcome after. Requests refused by the security
 * rules never reach here, as they change nothing; raters' requests are not registered
 * with it.
 */
class AuditRecorder implements HandlerInterceptor {

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final String ENTRY = AuditRecorder.class.getName() + ".entry";

	/** A study's id in the path a change was called on or was sent to afterwards. */
	private static final Pattern STUDY_PATH = Pattern
		.compile("^(?:https?://[^/]+)?/(?:api/)?studies/(\\d{1,18})(?:[/?#]|$)");

	private final AuditRepository entries;

	AuditRecorder(AuditRepository entries) {
		this.entries = entries;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (READS.contains(request.getMethod()) || !(handler instanceof HandlerMethod) || caller == null
				|| !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
			return true;
		}
		String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
		String tokenName = (caller.getDetails() instanceof ApiTokenVerifier.TokenName token) ? token.name() : null;
		AuditEntry entry = new AuditEntry(0, Instant.now(), cut(caller.getName(), AuditRepository.ACTOR), tokenName,
				cut(request.getRemoteAddr(), AuditRepository.ADDRESS),
				cut(request.getMethod() + " " + pattern, AuditRepository.ACTION),
				cut(request.getRequestURI(), AuditRepository.TARGET), detail(request), study(request.getRequestURI()),
				null);
		request.setAttribute(ENTRY, this.entries.begin(entry));
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(ENTRY) instanceof Long id) {
			int status = (ex != null) ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
			this.entries.finish(id, status, study(response.getHeader(HttpHeaders.LOCATION)));
		}
	}

	/**
	 * The request's parameters (query and form fields) but passwords, API keys (a
	 * generation run's endpoint key is never shown again) and the CSRF token, so that the
	 * log says which rater, reason, label or rule a change used.
	 */
	private static String detail(HttpServletRequest request) {
		StringJoiner detail = new StringJoiner("&");
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			String name = parameter.getKey().toLowerCase(Locale.ROOT);
			if (name.contains("password") || name.contains("apikey") || name.equals("_csrf")) {
				continue;
			}
			for (String value : parameter.getValue()) {
				detail.add(parameter.getKey() + "=" + value);
			}
		}
		return (detail.length() == 0) ? null : cut(detail.toString(), AuditRepository.DETAIL);
	}

	static Long study(String path) {
		if (path == null) {
			return null;
		}
		Matcher study = STUDY_PATH.matcher(path);
		return study.find() ? Long.valueOf(study.group(1)) : null;
	}

	private static String cut(String text, int max) {
		String clean = text.replace('\0', ' ');
		return (clean.length() <= max) ? clean : clean.substring(0, max);
	}

}
