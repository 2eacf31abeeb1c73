package dev.connector;

import java.time.Instant;

/**
 * What a client has seen of its upstream lately: how many calls in a row failed, and when
 * the last call succeeded and the last one failed. A failure here is a sign the upstream is
 * unwell (a transport failure, a timeout or a 5xx); a 4xx or an undecodable body proves the
 * upstream answered, and counts as reachable.
 *
 * @param consecutiveFailures failed calls since the last reachable one
 * @param lastSuccess when a call last reached the upstream, or {@code null}
 * @param lastFailure the last failure, or {@code null}
 * @since 0.1.0
 */
public record ClientHealth(int consecutiveFailures, Instant lastSuccess, Failure lastFailure) {

	/** Nothing seen yet. */
	public static final ClientHealth UNKNOWN = new ClientHealth(0, null, null);

	/**
	 * Return whether the client has made any call yet.
	 * @return {@code true} once a call ended either way
	 */
	public boolean isUsed() {
		return this.lastSuccess != null || this.lastFailure != null;
	}

	/**
	 * A failed call.
	 *
	 * @param time when it failed
	 * @param type the simple name of the exception
	 * @param message the exception's message
	 * @since 0.1.0
	 */
	public record Failure(Instant time, String type, String message) {
	}

}
