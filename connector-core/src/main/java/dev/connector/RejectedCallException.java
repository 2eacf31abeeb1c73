package dev.connector;

import java.net.URI;

import org.springframework.http.HttpMethod;

/**
 * A resilience guard refused the call before it was sent: the circuit breaker is open, the
 * bulkhead is full, or the rate limiter has no permission left. Never retried.
 *
 * @since 0.1.0
 */
public class RejectedCallException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final Guard guard;

	/**
	 * Create a new instance.
	 * @param guard the guard that refused the call
	 * @param reason why it refused
	 * @param clientName the client's name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param attempts the number of attempts made
	 * @param cause the guard's own exception
	 */
	public RejectedCallException(Guard guard, String reason, String clientName, HttpMethod method, URI uri,
			int attempts, Throwable cause) {
		super(reason, clientName, method, uri, attempts, cause);
		this.guard = guard;
	}

	/**
	 * Return the guard that refused the call.
	 * @return the guard
	 */
	public Guard getGuard() {
		return this.guard;
	}

	/**
	 * The resilience guards that may refuse a call.
	 *
	 * @since 0.1.0
	 */
	public enum Guard {

		/** The circuit breaker is open, or half-open with no trial call left. */
		CIRCUIT_BREAKER,

		/** The bulkhead has no free slot. */
		BULKHEAD,

		/** The rate limiter has no permission left in this period. */
		RATE_LIMITER

	}

}
