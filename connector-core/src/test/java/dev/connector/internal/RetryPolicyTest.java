package dev.connector.internal;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.FailureKind;
import dev.connector.RejectedCallException;
import dev.connector.config.ClientSettings.RetrySettings;
import dev.connector.internal.RetryPolicy.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a failed attempt may be repeated: a decision from the failure's kind, the request's
 * idempotency and overrides, and the time left, tested as a table.
 */
class RetryPolicyTest {

	private static final long PLENTY = Duration.ofSeconds(10).toNanos();

	private static ConnectorException.Builder call() {
		return ConnectorException.builder("payments");
	}

	private static ConnectorException status(int status) {
		return call().response(status, new HttpHeaders(), "", null);
	}

	private static ConnectorException rateLimited(Duration retryAfter) {
		return call().response(429, new HttpHeaders(), "", retryAfter);
	}

	static Stream<Arguments> decisions() {
		ConnectorRequest get = ConnectorRequest.get("/charges/1").build();
		ConnectorRequest post = ConnectorRequest.post("/charges").build();
		ConnectorRequest idempotentPost = ConnectorRequest.post("/charges").idempotent(true).build();
		return Stream.of(Arguments.of("GET on 503", status(503), get, Decision.RETRY),
				Arguments.of("POST on 503", status(503), post, Decision.NOT_IDEMPOTENT),
				Arguments.of("idempotent POST on 503", status(503), idempotentPost, Decision.RETRY),
				Arguments.of("POST never sent", call().transport("refused", true), post, Decision.RETRY),
				Arguments.of("POST reset mid-way", call().transport("reset", false), post, Decision.NOT_IDEMPOTENT),
				Arguments.of("GET reset mid-way", call().transport("reset", false), get, Decision.RETRY),
				Arguments.of("GET timed out", call().timeout("late", Duration.ofSeconds(1)), get, Decision.RETRY),
				Arguments.of("POST timed out", call().timeout("late", Duration.ofSeconds(1)), post,
						Decision.NOT_IDEMPOTENT),
				Arguments.of("GET on 404", status(404), get, Decision.NOT_RETRYABLE),
				Arguments.of("GET on 500, not listed", status(500), get, Decision.NOT_RETRYABLE),
				Arguments.of("decode failure", call().decode("bad json"), get, Decision.NOT_RETRYABLE),
				Arguments.of("guard refusal",
						call().rejected(RejectedCallException.Guard.CIRCUIT_BREAKER, "open"), get,
						Decision.NOT_RETRYABLE),
				Arguments.of("configuration", call().failure("no codec", FailureKind.CONFIGURATION), get,
						Decision.NOT_RETRYABLE),
				Arguments.of("429 with a short Retry-After", rateLimited(Duration.ofSeconds(1)), get, Decision.RETRY),
				Arguments.of("429 with a Retry-After past the deadline", rateLimited(Duration.ofSeconds(10)), get,
						Decision.RETRY_AFTER_PAST_DEADLINE),
				Arguments.of("429 without Retry-After", rateLimited(null), get, Decision.RETRY),
				Arguments.of("request turns retries off", status(503), get.toBuilder().retry(false).build(),
						Decision.RETRIES_OFF),
				Arguments.of("request's max-attempts reached", status(503), get.toBuilder().maxAttempts(2).build(),
						Decision.ATTEMPTS_EXHAUSTED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("decisions")
	void decides(String description, ConnectorException failure, ConnectorRequest request, Decision expected) {
		assertThat(policy(UnaryOperator.identity()).decide(failure, request, 2, PLENTY)).isEqualTo(expected);
	}

	@Test
	void clientWithRetriesOffRetriesNothing() {
		assertThat(policy((retry) -> retry.enabled(false)).decide(status(503),
				ConnectorRequest.get("/").build(), 1, PLENTY)).isEqualTo(Decision.RETRIES_OFF);
	}

	@Test
	void retryNonIdempotentRetriesPostOnAListedStatus() {
		assertThat(policy((retry) -> retry.retryNonIdempotent(true)).decide(status(503),
				ConnectorRequest.post("/charges").build(), 1, PLENTY)).isEqualTo(Decision.RETRY);
	}

	@Test
	void retryAfterIgnoredWhenNotRespected() {
		assertThat(policy((retry) -> retry.respectRetryAfter(false)).decide(rateLimited(Duration.ofMinutes(5)),
				ConnectorRequest.get("/").build(), 1, PLENTY)).isEqualTo(Decision.RETRY);
	}

	private static RetryPolicy policy(UnaryOperator<RetrySettings.Builder> settings) {
		return new RetryPolicy(settings.apply(RetrySettings.builder()).build());
	}

}
