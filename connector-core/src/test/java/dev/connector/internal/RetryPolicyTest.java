package dev.connector.internal;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.FailureKind;
import dev.connector.RejectedCallException;
import dev.connector.config.ClientSettings.RetrySettings;
import dev.connector.internal.RetryPolicy.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Which failed attempts {@link RetryPolicy} lets another attempt follow, and why not.
 */
class RetryPolicyTest {

	private static final RetrySettings DEFAULTS = RetrySettings.DEFAULTS;

	private static final long FIVE_SECONDS = Duration.ofSeconds(5).toNanos();

	private static final ConnectorRequest GET = ConnectorRequest.get("/quotes").build();

	private static final ConnectorRequest POST = ConnectorRequest.post("/charges").build();

	static Stream<Arguments> decisions() {
		return Stream.of(
				arguments("GET on 503", DEFAULTS, GET, status(503), Decision.RETRY),
				arguments("POST on 503", DEFAULTS, POST, status(503), Decision.NOT_IDEMPOTENT),
				arguments("POST declared idempotent on 503", DEFAULTS,
						POST.toBuilder().idempotent(true).build(), status(503), Decision.RETRY),
				arguments("GET declared not idempotent on 503", DEFAULTS,
						GET.toBuilder().idempotent(false).build(), status(503), Decision.NOT_IDEMPOTENT),
				arguments("POST on 503 with retry-non-idempotent", settings(true, true, true), POST, status(503),
						Decision.RETRY),
				arguments("POST on connect failure", DEFAULTS, POST, transport(true), Decision.RETRY),
				arguments("POST on reset after connecting", DEFAULTS, POST, transport(false),
						Decision.NOT_IDEMPOTENT),
				arguments("GET on reset after connecting", DEFAULTS, GET, transport(false), Decision.RETRY),
				arguments("GET on timeout", DEFAULTS, GET, timeout(), Decision.RETRY),
				arguments("POST on timeout", DEFAULTS, POST, timeout(), Decision.NOT_IDEMPOTENT),
				arguments("GET on 404", DEFAULTS, GET, status(404), Decision.NOT_RETRYABLE),
				arguments("GET on 500, not a listed status", DEFAULTS, GET, status(500), Decision.NOT_RETRYABLE),
				arguments("GET on decode failure", DEFAULTS, GET, failure().decode("Bad JSON"),
						Decision.NOT_RETRYABLE),
				arguments("GET rejected by a guard", DEFAULTS, GET,
						failure().rejected(RejectedCallException.Guard.BULKHEAD, "Bulkhead is full"),
						Decision.NOT_RETRYABLE),
				arguments("GET on configuration failure", DEFAULTS, GET,
						failure().failure("Could not encode", FailureKind.CONFIGURATION), Decision.NOT_RETRYABLE),
				arguments("GET on unknown failure", DEFAULTS, GET,
						failure().failure("Call failed", FailureKind.UNKNOWN), Decision.NOT_RETRYABLE),
				arguments("retries disabled for the client", settings(false, false, true), GET, status(503),
						Decision.RETRIES_OFF),
				arguments("retries disabled for the request", DEFAULTS, GET.toBuilder().retry(false).build(),
						status(503), Decision.RETRIES_OFF),
				arguments("429 asking for less than the time left", DEFAULTS, GET, rateLimited(Duration.ofSeconds(2)),
						Decision.RETRY),
				arguments("429 asking for exactly the time left", DEFAULTS, GET, rateLimited(Duration.ofSeconds(5)),
						Decision.RETRY_AFTER_PAST_DEADLINE),
				arguments("429 asking for more than the time left", DEFAULTS, GET,
						rateLimited(Duration.ofSeconds(30)), Decision.RETRY_AFTER_PAST_DEADLINE),
				arguments("429 asking for more seconds than a long counts in nanoseconds", DEFAULTS, GET,
						rateLimited(Duration.ofSeconds(10_000_000_000L)), Decision.RETRY_AFTER_PAST_DEADLINE),
				arguments("429 without Retry-After", DEFAULTS, GET, rateLimited(null), Decision.RETRY),
				arguments("429 asking for more than the time left, Retry-After ignored", settings(true, false, false),
						GET, rateLimited(Duration.ofSeconds(30)), Decision.RETRY));
	}

	@ParameterizedTest(name = "{0} -> {4}")
	@MethodSource("decisions")
	void decidesWhetherAFailedAttemptMayBeRepeated(String description, RetrySettings settings,
			ConnectorRequest request, ConnectorException failure, Decision decision) {
		assertThat(new RetryPolicy(settings).decide(failure, request, 1, FIVE_SECONDS)).isEqualTo(decision);
	}

	static Stream<Arguments> attemptLimits() {
		return Stream.of(arguments(1, Decision.RETRY), arguments(2, Decision.ATTEMPTS_EXHAUSTED),
				arguments(3, Decision.ATTEMPTS_EXHAUSTED));
	}

	@ParameterizedTest(name = "after {0} attempts -> {1}")
	@MethodSource("attemptLimits")
	void requestsOwnMaxAttemptsEndsTheRetries(int attempts, Decision decision) {
		ConnectorRequest request = GET.toBuilder().maxAttempts(2).build();
		assertThat(new RetryPolicy(DEFAULTS).decide(status(503), request, attempts, FIVE_SECONDS))
			.isEqualTo(decision);
	}

	private static RetrySettings settings(boolean enabled, boolean retryNonIdempotent, boolean respectRetryAfter) {
		return DEFAULTS.toBuilder()
			.enabled(enabled)
			.retryNonIdempotent(retryNonIdempotent)
			.respectRetryAfter(respectRetryAfter)
			.build();
	}

	private static ConnectorException.Builder failure() {
		return ConnectorException.builder("payments").uri(URI.create("http://localhost:8081/charges")).attempts(1);
	}

	private static ConnectorException status(int status) {
		return failure().response(status, new HttpHeaders(), "", null);
	}

	private static ConnectorException rateLimited(Duration retryAfter) {
		return failure().response(429, new HttpHeaders(), "", retryAfter);
	}

	private static ConnectorException transport(boolean connectFailure) {
		return failure().transport(connectFailure ? "Could not connect" : "Connection reset by peer", connectFailure);
	}

	private static ConnectorException timeout() {
		return failure().timeout("No response within the attempt-timeout of 1s", Duration.ofSeconds(1));
	}

}
