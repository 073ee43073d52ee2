package dev.pairwise.config;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;

/**
 * Reads the fields of a form or multipart POST before anything else does, so that one
 * over the size limits (the upload limit, or Tomcat's 2 MB for plain forms) or otherwise
 * unreadable is answered with its status (413, 400) on the app's error page. Left to
 * itself, the first reader is the CSRF filter or a controller, Tomcat refuses the read
 * there, and the browser gets Tomcat's bare error page instead. It runs in the security
 * filter chain after the headers are written and before the CSRF check.
 */
class FormBodyCheck extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("POST".equals(request.getMethod()) && isForm(request.getContentType())) {
			try {
				request.getParameterMap();
			}
			catch (InvalidParameterException ex) {
				// Marks the request's multipart as failed, so that the error page does
				// not
				// try to read it again.
				request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MultipartException(ex.getMessage(), ex));
				response.sendError(ex.getErrorCode());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isForm(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
	}

}
