package dev.connector;

import org.springframework.http.HttpHeaders;

/**
 * The server answered with an error status. Carries the status, the response headers and a
 * bounded excerpt of the body (never the whole body). Subtypes narrow the status class:
 * {@link ClientErrorException} (4xx) with {@link AuthenticationException} (401, 403) and
 * {@link RateLimitedException} (429), and {@link ServerErrorException} (5xx).
 *
 * @since 0.1.0
 * @see ConnectorException.Builder#response(int, HttpHeaders, String, java.time.Duration)
 */
public class ResponseException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient HttpHeaders headers;

	private final String bodyExcerpt;

	ResponseException(ConnectorException.Builder call, int status, HttpHeaders headers, String bodyExcerpt,
			FailureKind kind) {
		super(call, reason(status, bodyExcerpt), kind);
		this.status = status;
		this.headers = (headers != null) ? HttpHeaders.readOnlyHttpHeaders(headers) : HttpHeaders.EMPTY;
		this.bodyExcerpt = (bodyExcerpt != null) ? bodyExcerpt : "";
	}

	/**
	 * Create an exception whose reason is not an answer of the upstream's, such as a
	 * failure to obtain credentials: status {@code 0}, no headers, no body.
	 */
	ResponseException(ConnectorException.Builder call, String reason, FailureKind kind) {
		super(call, reason, kind);
		this.status = 0;
		this.headers = HttpHeaders.EMPTY;
		this.bodyExcerpt = "";
	}

	private static String reason(int status, String bodyExcerpt) {
		String reason = "Upstream answered " + status;
		return (bodyExcerpt == null || bodyExcerpt.isEmpty()) ? reason : reason + ": " + bodyExcerpt;
	}

	/**
	 * Return the response status code.
	 * @return the status, such as {@code 503}, or {@code 0} when the upstream did not
	 * answer (credentials could not be obtained)
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the response headers.
	 * @return read-only headers
	 */
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	/**
	 * Return the start of the response body as text, bounded in length.
	 * @return the excerpt, empty when the body was empty
	 */
	public String getBodyExcerpt() {
		return this.bodyExcerpt;
	}

}
