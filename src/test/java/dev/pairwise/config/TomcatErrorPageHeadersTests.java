package dev.pairwise.config;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request so malformed that Tomcat answers it before the app sees it still gets the
 * security headers, and a page without Tomcat's name or version.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TomcatErrorPageHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void tomcatsOwnBadRequestPageCarriesTheSecurityHeaders() throws IOException {
		String answer;
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream()
				.write("GET /a{b} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}

		assertThat(answer).startsWith("HTTP/1.1 400")
			.contains("Content-Security-Policy: " + SecurityConfig.CONTENT_SECURITY_POLICY + "\r\n")
			.contains("X-Content-Type-Options: nosniff\r\n")
			.contains("X-Frame-Options: DENY\r\n")
			.contains("Referrer-Policy: no-referrer\r\n")
			.doesNotContain("Apache Tomcat");
	}

}
