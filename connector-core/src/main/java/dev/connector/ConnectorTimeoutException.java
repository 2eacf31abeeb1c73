package dev.connector;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpMethod;

/**
 * The call did not complete within its deadline: the overall {@code timeout}, or the
 * {@code attempt-timeout} of its last attempt.
 *
 * @since 0.1.0
 */
public class ConnectorTimeoutException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param reason what timed out
	 * @param clientName the client's name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param attempts the number of attempts made
	 * @param timeout the deadline that expired, or {@code null} if not known
	 * @param cause the underlying timeout, or {@code null}
	 */
	public ConnectorTimeoutException(String reason, String clientName, HttpMethod method, URI uri, int attempts,
			Duration timeout, Throwable cause) {
		super(reason, clientName, method, uri, attempts, cause);
		this.timeout = timeout;
	}

	/**
	 * Return the deadline that expired.
	 * @return the timeout, or {@code null} if the transport did not say
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
