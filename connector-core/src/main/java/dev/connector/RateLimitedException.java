package dev.connector;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The server answered 429 Too Many Requests. Carries the {@code Retry-After} value when the
 * server sent one.
 *
 * @since 0.1.0
 */
public class RateLimitedException extends ClientErrorException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	/**
	 * Create a new instance.
	 * @param clientName the client's name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param attempts the number of attempts made
	 * @param status the response status code
	 * @param headers the response headers
	 * @param bodyExcerpt the start of the response body, already bounded
	 * @param retryAfter how long the server asked the caller to wait, or {@code null}
	 */
	public RateLimitedException(String clientName, HttpMethod method, URI uri, int attempts, int status,
			HttpHeaders headers, String bodyExcerpt, Duration retryAfter) {
		super(clientName, method, uri, attempts, status, headers, bodyExcerpt);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long the server asked the caller to wait, from its {@code Retry-After}
	 * header (delta-seconds or an HTTP date, measured from when the response arrived).
	 * @return the wait, or {@code null} when the server sent no usable value
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
