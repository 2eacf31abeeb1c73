package dev.connector;

/**
 * A resilience guard refused the call before it was sent: the circuit breaker is open, the
 * bulkhead is full, or the rate limiter has no permission left. Never retried, and never
 * counted against the upstream.
 *
 * @since 0.1.0
 */
public class RejectedCallException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final Guard guard;

	RejectedCallException(ConnectorException.Builder call, Guard guard, String reason) {
		super(call, reason, FailureKind.REJECTED);
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
