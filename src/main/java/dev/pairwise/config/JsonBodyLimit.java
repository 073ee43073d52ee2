package dev.pairwise.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Caps JSON request bodies (study definitions, invites, rater answers) at 1 MB, checked
 * on the declared length and again while reading. Without it a request to the rater API,
 * which needs no sign-in, makes the server parse a body of any size into memory before
 * the token is even looked at: a few concurrent 90 MB bodies exhausted a 512 MB heap.
 * File uploads do not come through here; they stream under their own limit
 * ({@code pairwise.uploads.max-bytes}).
 */
@ControllerAdvice
class JsonBodyLimit extends RequestBodyAdviceAdapter {

	static final DataSize MAX = DataSize.ofMegabytes(1);

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		if (input.getHeaders().getContentLength() > MAX.toBytes()) {
			throw tooLarge();
		}
		// Read here, at most one byte past the limit, rather than failing inside the JSON
		// parser, which would turn the failure into a 400.
		byte[] body = input.getBody().readNBytes((int) MAX.toBytes() + 1);
		if (body.length > MAX.toBytes()) {
			throw tooLarge();
		}
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return input.getHeaders();
			}

		};
	}

	private static ErrorResponseException tooLarge() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than 1 MB.");
		problem.setTitle("Request too large");
		return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
	}

}
