package dev.pairwise.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like HTTP client: it keeps cookies, does not follow redirects (so tests see
 * them), can sign in through the login form, and sends the CSRF token of its own session
 * in forms and API posts. Used where {@link HttpTestClient} (stateless, HTTP Basic) is
 * not enough.
 */
public final class WebSession {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	private String authorization;

	private String csrfToken;

	private WebSession(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/** A visitor with no credentials and, as yet, no cookies. */
	public static WebSession anonymous(int port) {
		return new WebSession(port);
	}

	/** The admin through the login form: a session cookie and its CSRF token. */
	public static WebSession signedInAdmin(int port) {
		return signedIn(port, "admin", HttpTestClient.ADMIN_PASSWORD);
	}

	/** An account through the login form: a session cookie and its CSRF token. */
	public static WebSession signedIn(int port, String username, String password) {
		WebSession session = new WebSession(port);
		session.fetchCsrfToken();
		Page signedIn = session.postForm("/login", Map.of("username", username, "password", password));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.location()).doesNotContain("error");
		// Spring Security changes the session, and with it the token, at sign-in.
		session.fetchCsrfTokenFrom("/");
		return session;
	}

	/** The admin through HTTP Basic, without a session, as API clients call. */
	public static WebSession basicAdmin(int port) {
		return basic(port, "admin", HttpTestClient.ADMIN_PASSWORD);
	}

	/** An account through HTTP Basic, without a session. */
	public static WebSession basic(int port, String username, String password) {
		WebSession session = new WebSession(port);
		session.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return session;
	}

	/** A script with an API token ({@code Authorization: Bearer …}). */
	public static WebSession bearer(int port, String token) {
		WebSession session = new WebSession(port);
		session.authorization = "Bearer " + token;
		return session;
	}

	/**
	 * Gets a CSRF token for this session from the login page, as anyone can; later posts
	 * send it.
	 */
	public WebSession fetchCsrfToken() {
		return fetchCsrfTokenFrom("/login");
	}

	public WebSession fetchCsrfTokenFrom(String path) {
		Page page = get(path);
		Matcher matcher = CSRF_FIELD.matcher(page.body());
		assertThat(matcher.find()).as("a CSRF field on " + path).isTrue();
		this.csrfToken = matcher.group(1);
		return this;
	}

	public Page get(String path) {
		return send(request(path).GET());
	}

	public Page get(String path, Map<String, String> headers) {
		HttpRequest.Builder builder = request(path).GET();
		headers.forEach(builder::setHeader);
		return send(builder);
	}

	/**
	 * Posts a form as a browser does: the session's CSRF token, if it has one, goes in
	 * the {@code _csrf} field.
	 */
	public Page postForm(String path, Map<String, String> fields) {
		String body = withCsrfField(fields).entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a body as an API client does: the session's CSRF token, if it has one, goes
	 * in the {@code X-CSRF-TOKEN} header.
	 */
	public Page post(String path, String contentType, byte[] body) {
		HttpRequest.Builder request = request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (this.csrfToken != null) {
			request.header("X-CSRF-TOKEN", this.csrfToken);
		}
		return send(request);
	}

	/** Posts a body with this session's cookies but without its CSRF token. */
	public Page postWithoutCsrf(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Page post(String path, String contentType, String body) {
		return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	/** A multipart/form-data POST with plain fields and one file. */
	/**
	 * A DELETE as an API client sends it, with the session's CSRF token if it has one.
	 */
	public Page delete(String path) {
		HttpRequest.Builder request = request(path).DELETE();
		if (this.csrfToken != null) {
			request.header("X-CSRF-TOKEN", this.csrfToken);
		}
		return send(request);
	}

	public Page postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
			byte[] content) {
		String boundary = "----pairwise" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		withCsrfField(fields).forEach((name, value) -> write(body, "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"));
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		body.writeBytes(content);
		write(body, "\r\n--" + boundary + "--\r\n");
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private Map<String, String> withCsrfField(Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (this.csrfToken != null) {
			all.putIfAbsent("_csrf", this.csrfToken);
		}
		return all;
	}

	public Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Page(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A request with this session's credentials: its cookies, and HTTP Basic for the
	 * Basic admin. Pages are asked for as a browser would, the API as a client would.
	 */
	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Accept",
					path.startsWith("/api/") ? "application/json, application/problem+json"
							: "text/html,application/xhtml+xml")
			.header("Accept-Language", "en");
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public record Page(int status, String body, HttpHeaders headers) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public String location() {
			return Optional.ofNullable(header("Location")).orElse("");
		}

	}

}
