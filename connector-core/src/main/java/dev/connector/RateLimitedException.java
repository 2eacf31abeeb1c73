package dev.connector;

import java.time.Duration;

import org.springframework.http.HttpHeaders;

/**
 * The server answered 429 Too Many Requests. Carries the {@code Retry-After} value when the
 * server sent one.
 *
 * @since 0.1.0
 */
public class RateLimitedException extends ClientErrorException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	RateLimitedException(ConnectorException.Builder call, int status, HttpHeaders headers, String bodyExcerpt,
			Duration retryAfter) {
		super(call, status, headers, bodyExcerpt);
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
