package dev.connector;

import java.time.Duration;

/**
 * The call did not complete within a deadline: the overall {@code timeout}, the
 * {@code attempt-timeout} of its last attempt, or a batch's deadline. The message says
 * which.
 *
 * @since 0.1.0
 * @see ConnectorException.Builder#timeout(String, Duration)
 */
public class ConnectorTimeoutException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	ConnectorTimeoutException(ConnectorException.Builder call, String reason, Duration timeout) {
		super(call, reason, FailureKind.TIMEOUT);
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
