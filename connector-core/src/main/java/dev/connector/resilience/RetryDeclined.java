package dev.connector.resilience;

/**
 * A failure the connector's retry policy decided not to retry, as handed to the client's
 * Resilience4j retry instance so that it counts the call as failed without retry. Carries
 * the failure as its cause; never reaches a caller.
 *
 * @since 0.1.0
 */
public final class RetryDeclined extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Wrap a failure that is not retried.
	 * @param failure the failure
	 */
	public RetryDeclined(Throwable failure) {
		super(null, failure, false, false);
	}

}
