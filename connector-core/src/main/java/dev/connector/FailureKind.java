package dev.connector;

/**
 * What a failed call says about the upstream, the one classification that health tracking,
 * the circuit breaker, the observation outcome and the retry policy all read.
 *
 * @since 0.1.0
 * @see ConnectorException#kind()
 */
public enum FailureKind {

	/**
	 * No exchange: the connection was refused or reset, the host did not resolve, TLS
	 * failed. The upstream is unwell or unreachable.
	 */
	TRANSPORT(true, false),

	/** A deadline passed before the upstream answered. The upstream is unwell. */
	TIMEOUT(true, false),

	/** The upstream answered with a 5xx status. The upstream is unwell. */
	SERVER_ERROR(true, false),

	/**
	 * The upstream answered with a 4xx status: the request was wrong, refused or rate
	 * limited. The upstream is reachable.
	 */
	CLIENT_ERROR(false, true),

	/** The upstream answered but the body could not be read. The upstream is reachable. */
	DECODE(false, true),

	/**
	 * The client refused the call itself: its circuit breaker, bulkhead or rate limiter, the
	 * client was closed, or it could not obtain the call's credentials. Says nothing about
	 * the upstream.
	 */
	REJECTED(false, false),

	/**
	 * The client's configuration or the request is invalid (for example a body no codec can
	 * write). Says nothing about the upstream.
	 */
	CONFIGURATION(false, false),

	/** Anything else. Says nothing about the upstream. */
	UNKNOWN(false, false);

	private final boolean upstreamFailure;

	private final boolean reachable;

	FailureKind(boolean upstreamFailure, boolean reachable) {
		this.upstreamFailure = upstreamFailure;
		this.reachable = reachable;
	}

	/**
	 * Return whether a failure of this kind says the upstream is unwell: it counts against
	 * the client's health and is recorded by its circuit breaker.
	 * @return {@code true} for {@link #TRANSPORT}, {@link #TIMEOUT} and {@link #SERVER_ERROR}
	 */
	public boolean isUpstreamFailure() {
		return this.upstreamFailure;
	}

	/**
	 * Return whether a failure of this kind proves the upstream answered, so that it
	 * counts as reachable for health.
	 * @return {@code true} for {@link #CLIENT_ERROR} and {@link #DECODE}
	 */
	public boolean provesReachable() {
		return this.reachable;
	}

}
