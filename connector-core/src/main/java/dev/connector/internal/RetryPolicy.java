package dev.connector.internal;

import java.time.Duration;
import java.util.Set;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.RateLimitedException;
import dev.connector.ResponseException;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;

import org.springframework.http.HttpMethod;

/**
 * Decides, for one failed attempt of one call, whether another attempt may follow. Reads
 * the failure's {@link dev.connector.FailureKind}, the request's overrides and
 * idempotency, and the time left before the call's deadline; counts of attempts and the
 * waits between them are the Resilience4j retry instance's.
 */
final class RetryPolicy {

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
			HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE);

	private final ClientSettings.RetrySettings settings;

	RetryPolicy(ClientSettings.RetrySettings settings) {
		this.settings = settings;
	}

	/**
	 * Decide whether a failed attempt may be repeated.
	 * @param failure the attempt's failure
	 * @param request the request
	 * @param attempts the attempts made so far
	 * @param remainingNanos the time left before the call's deadline
	 * @return the decision
	 */
	Decision decide(ConnectorException failure, ConnectorRequest request, int attempts, long remainingNanos) {
		if (!this.settings.enabled() || Boolean.FALSE.equals(request.retry())) {
			return Decision.RETRIES_OFF;
		}
		if (request.maxAttempts() != null && attempts >= request.maxAttempts()) {
			return Decision.ATTEMPTS_EXHAUSTED;
		}
		boolean idempotent = (request.idempotent() != null) ? request.idempotent()
				: IDEMPOTENT_METHODS.contains(request.method()) || this.settings.retryNonIdempotent();
		switch (failure.kind()) {
			case TRANSPORT -> {
				// a connection never established cannot have reached the server
				boolean neverSent = failure instanceof TransportException transport && transport.isConnectFailure();
				return (neverSent || idempotent) ? Decision.RETRY : Decision.NOT_IDEMPOTENT;
			}
			case TIMEOUT -> {
				return idempotent ? Decision.RETRY : Decision.NOT_IDEMPOTENT;
			}
			case SERVER_ERROR, CLIENT_ERROR -> {
				return decideStatus(failure, idempotent, remainingNanos);
			}
			default -> {
				return Decision.NOT_RETRYABLE;
			}
		}
	}

	private Decision decideStatus(ConnectorException failure, boolean idempotent, long remainingNanos) {
		if (!(failure instanceof ResponseException response)
				|| !this.settings.retryOnStatus().contains(response.getStatus())) {
			return Decision.NOT_RETRYABLE;
		}
		if (!idempotent) {
			return Decision.NOT_IDEMPOTENT;
		}
		if (response instanceof RateLimitedException rateLimited && this.settings.respectRetryAfter()) {
			Duration retryAfter = rateLimited.getRetryAfter();
			// compared as durations: a Retry-After of centuries overflows toNanos()
			if (retryAfter != null && retryAfter.compareTo(Duration.ofNanos(remainingNanos)) >= 0) {
				// waiting past the deadline would only turn a clear 429 into a timeout
				return Decision.RETRY_AFTER_PAST_DEADLINE;
			}
		}
		return Decision.RETRY;
	}

	/**
	 * Whether a failed attempt may be repeated, and if not, why.
	 */
	enum Decision {

		/** Another attempt may follow, if the retry instance has attempts left. */
		RETRY,

		/** Retries are off for the client or the request. */
		RETRIES_OFF,

		/** The request's own max-attempts is reached. */
		ATTEMPTS_EXHAUSTED,

		/** The failure is not one that is retried (a 4xx not listed, a decode failure, a guard). */
		NOT_RETRYABLE,

		/** The upstream may have acted on a request that is not safe to repeat. */
		NOT_IDEMPOTENT,

		/** The server asked for a wait that ends after the call's deadline. */
		RETRY_AFTER_PAST_DEADLINE;

		boolean retry() {
			return this == RETRY;
		}

	}

}
