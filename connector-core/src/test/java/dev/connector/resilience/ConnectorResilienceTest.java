package dev.connector.resilience;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.FailureKind;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.RateLimitedException;
import dev.connector.RejectedCallException;
import dev.connector.ServerErrorException;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.BulkheadSettings;
import dev.connector.config.ClientSettings.CircuitBreakerSettings;
import dev.connector.config.ClientSettings.RateLimiterSettings;
import dev.connector.config.ClientSettings.RetrySettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Retry, time limits and the guards against a real loopback server.
 */
class ConnectorResilienceTest {

	private final HttpTransportUnderTest transport;

	ConnectorResilienceTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;


	/** Start a server that answers the n-th request (from 0) as the handler says. */
	private void start(ResponseByCount handler, Consumer<ClientSettings.Builder> settings) {
		AtomicInteger count = new AtomicInteger();
		this.server = LoopbackServer.start((request, response) -> {
			this.arrivals.add(System.nanoTime());
			return handler.handle(count.getAndIncrement(), response);
		});
		this.connector = this.transport.builder("payments")
			.settings((s) -> settings.accept(s.baseUrl(this.server.baseUrl())))
			.resilienceRegistries(this.registries)
			.build();
	}

	private static RetrySettings retry(int maxAttempts, Duration wait, double jitter) {
		return RetrySettings.builder()
			.maxAttempts(maxAttempts)
			.waitDuration(wait)
			.multiplier(2.0)
			.maxWaitDuration(Duration.ofSeconds(5))
			.jitter(jitter)
			.build();
	}

	private Duration gap(int from, int to) {
		return Duration.ofNanos(this.arrivals.get(to) - this.arrivals.get(from));
	}

	@EachHttpTransport
	void retriesIdempotentGetOnServiceUnavailableWithBackoffWithinJitter() {
		start((n, response) -> (n < 2) ? response.status(503).send() : response.sendString(Mono.just("ok")),
				(s) -> s.retry(retry(3, Duration.ofMillis(200), 0.5)));
		ConnectorResponse response = this.connector.blocking().request(ConnectorRequest.get("/charges/1").build());
		assertThat(response.bodyAsString()).isEqualTo("ok");
		assertThat(response.attempts()).isEqualTo(3);
		assertThat(this.server.requests()).hasSize(3);
		// 200 ms -50%, then 400 ms -50%: the exact waits are proven on virtual time in
		// ConnectorVirtualTimeTest; a loaded machine may only make them longer
		assertThat(gap(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(gap(1, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@EachHttpTransport
	void givesUpAfterMaxAttemptsReportingThem() {
		start((n, response) -> response.status(503).sendString(Mono.just("down")),
				(s) -> s.retry(retry(4, Duration.ofMillis(10), 0)));
		ServerErrorException error = catchThrowableOfType(ServerErrorException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/charges/1").build()));
		assertThat(this.server.requests()).hasSize(4);
		assertThat(error.getAttempts()).isEqualTo(4);
		assertThat(error).hasMessageContaining("attempts=4");
	}

	@EachHttpTransport
	void postIsNotRetriedAfterTheServerMayHaveActed() {
		start((n, response) -> response.status(503).send(), (s) -> s.retry(retry(3, Duration.ofMillis(10), 0)));
		ServerErrorException error = catchThrowableOfType(ServerErrorException.class,
				() -> this.connector.blocking().request(ConnectorRequest.post("/charges").body("{}").build()));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(error.getAttempts()).isEqualTo(1);
		assertThat(this.registries.retries().find("payments").orElseThrow().getMetrics()
			.getNumberOfFailedCallsWithoutRetryAttempt()).isOne();
	}

	@EachHttpTransport
	void postMarkedIdempotentIsRetried() {
		start((n, response) -> response.status(503).send(), (s) -> s.retry(retry(3, Duration.ofMillis(10), 0)));
		catchThrowableOfType(ServerErrorException.class, () -> this.connector.blocking()
			.request(ConnectorRequest.post("/charges").body("{}").idempotent(true).build()));
		assertThat(this.server.requests()).hasSize(3);
	}

	@EachHttpTransport
	void clientMayRetryNonIdempotentCalls() {
		start((n, response) -> response.status(503).send(), (s) -> s.retry(RetrySettings.builder()
			.waitDuration(Duration.ofMillis(10))
			.multiplier(1.0)
			.jitter(0)
			.retryNonIdempotent(true)
			.build()));
		catchThrowableOfType(ServerErrorException.class,
				() -> this.connector.blocking().request(ConnectorRequest.patch("/charges/1").body("{}").build()));
		assertThat(this.server.requests()).hasSize(3);
	}

	@EachHttpTransport
	void postToARefusedPortIsRetried() {
		int port = LoopbackServer.unusedPort();
		this.connector = this.transport.builder("payments")
			.settings((s) -> s.baseUrl("http://127.0.0.1:" + port).retry(retry(3, Duration.ofMillis(10), 0)))
			.build();
		TransportException error = catchThrowableOfType(TransportException.class,
				() -> this.connector.blocking().request(ConnectorRequest.post("/charges").body("{}").build()));
		assertThat(error.isConnectFailure()).isTrue();
		assertThat(error.getAttempts()).isEqualTo(3);
	}

	@EachHttpTransport
	void requestMayTurnRetriesOffOrLowerTheAttempts() {
		start((n, response) -> response.status(503).send(), (s) -> s.retry(retry(4, Duration.ofMillis(10), 0)));
		catchThrowableOfType(ServerErrorException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/a").retry(false).build()));
		assertThat(this.server.requests()).hasSize(1);
		catchThrowableOfType(ServerErrorException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/b").maxAttempts(2).build()));
		assertThat(this.server.requests()).hasSize(3);
	}

	@EachHttpTransport
	void retryAfterSecondsSetsTheNextWait() {
		start((n, response) -> (n == 0) ? response.status(429).header("Retry-After", "1").send()
				: response.sendString(Mono.just("ok")), (s) -> s.retry(retry(3, Duration.ofMillis(10), 0)));
		assertThat(this.connector.blocking().request(ConnectorRequest.get("/quotes").build()).bodyAsString())
			.isEqualTo("ok");
		assertThat(gap(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
	}

	@EachHttpTransport
	void retryAfterHttpDateSetsTheNextWait() {
		start((n, response) -> (n == 0) ? response.status(429)
			.header("Retry-After",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)))
			.send() : response.sendString(Mono.just("ok")), (s) -> s.retry(retry(3, Duration.ofMillis(10), 0)));
		assertThat(this.connector.blocking().request(ConnectorRequest.get("/quotes").build()).bodyAsString())
			.isEqualTo("ok");
		// an HTTP date has whole seconds: two seconds ahead is between one and two from now
		assertThat(gap(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
	}

	@EachHttpTransport
	void retryAfterBeyondTheDeadlineFailsAtOnce() {
		start((n, response) -> response.status(429).header("Retry-After", "1").send(),
				(s) -> s.timeout(Duration.ofMillis(500)).retry(retry(3, Duration.ofMillis(10), 0)));
		RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/quotes").build()));
		assertThat(error.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void overallDeadlineBoundsAllAttempts() {
		start((n, response) -> Mono.never(), (s) -> s.timeout(Duration.ofSeconds(1))
			.attemptTimeout(Duration.ofMillis(400))
			.retry(retry(5, Duration.ofMillis(100), 0.5)));
		ConnectorTimeoutException error = catchThrowableOfType(ConnectorTimeoutException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/hang").build()));
		assertThat(error.getTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.server.requests()).hasSizeBetween(2, 3);
		assertThat(error.getAttempts()).isBetween(2, 3);
	}

	@EachHttpTransport
	void attemptTimeoutIsExactlyWhatWasConfigured() {
		start((n, response) -> Mono.delay(Duration.ofSeconds(2)).thenEmpty(response.sendString(Mono.just("slow"))),
				(s) -> s.attemptTimeout(Duration.ofSeconds(5)));
		ConnectorResponse response = this.connector.blocking().request(ConnectorRequest.get("/slow").build());
		assertThat(response.bodyAsString()).isEqualTo("slow");
		assertThat(response.attempts()).isEqualTo(1);
		assertThat(this.registries.timeLimiters().find("payments")).hasValueSatisfying(
				(limiter) -> assertThat(limiter.getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(5)));
	}

	@EachHttpTransport
	void circuitBreakerOpensFailsFastAndRecoversThroughHalfOpen() {
		AtomicInteger healthyFrom = new AtomicInteger(Integer.MAX_VALUE);
		start((n, response) -> (n >= healthyFrom.get()) ? response.sendString(Mono.just("ok"))
				: response.status(500).send(),
				(s) -> s.circuitBreaker(CircuitBreakerSettings.builder()
					.enabled(true)
					.slidingWindowSize(4)
					.minimumNumberOfCalls(4)
					.waitDurationInOpenState(Duration.ofMillis(300))
					.permittedNumberOfCallsInHalfOpenState(2)
					.build()));
		ConnectorRequest request = ConnectorRequest.get("/charges").build();
		for (int i = 0; i < 4; i++) {
			catchThrowableOfType(ServerErrorException.class, () -> this.connector.blocking().request(request));
		}
		CircuitBreaker breaker = this.registries.circuitBreakers().find("payments").orElseThrow();
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		RejectedCallException rejected = catchThrowableOfType(RejectedCallException.class,
				() -> this.connector.blocking().request(request));
		assertThat(rejected.getGuard()).isEqualTo(RejectedCallException.Guard.CIRCUIT_BREAKER);
		assertThat(rejected.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(this.server.requests()).hasSize(4);
		healthyFrom.set(4);
		await().atMost(Duration.ofSeconds(3))
			.ignoreException(RejectedCallException.class)
			.until(() -> this.connector.blocking().request(request).status() == 200);
		this.connector.blocking().request(request);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@EachHttpTransport
	void bulkheadLimitsCallsInFlight() {
		start((n, response) -> Mono.delay(Duration.ofMillis(300)).thenEmpty(response.sendString(Mono.just("ok"))),
				(s) -> s.bulkhead(new BulkheadSettings(true, 2, null)));
		List<Object> outcomes = Flux.range(0, 5)
			.flatMap((i) -> this.connector.request(ConnectorRequest.get("/slow").build())
				.<Object>map(ConnectorResponse::status)
				.onErrorResume(RejectedCallException.class, (ex) -> Mono.just(ex.getGuard())))
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(outcomes).containsExactlyInAnyOrder(200, 200, RejectedCallException.Guard.BULKHEAD,
				RejectedCallException.Guard.BULKHEAD, RejectedCallException.Guard.BULKHEAD);
		assertThat(this.server.maxInFlight()).isEqualTo(2);
	}

	@EachHttpTransport
	void rateLimiterRejectsBeyondItsRate() {
		start((n, response) -> response.sendString(Mono.just("ok")),
				(s) -> s.rateLimiter(new RateLimiterSettings(true, 3, Duration.ofSeconds(10), Duration.ZERO, null)));
		int rejected = 0;
		for (int i = 0; i < 5; i++) {
			try {
				this.connector.blocking().request(ConnectorRequest.get("/q").build());
			}
			catch (RejectedCallException ex) {
				assertThat(ex.getGuard()).isEqualTo(RejectedCallException.Guard.RATE_LIMITER);
				rejected++;
			}
		}
		assertThat(rejected).isEqualTo(2);
		assertThat(this.server.requests()).hasSize(3);
	}

	@EachHttpTransport
	void rateLimiterWithATimeoutDelaysInsteadOfRejecting() {
		start((n, response) -> response.sendString(Mono.just("ok")),
				(s) -> s.rateLimiter(new RateLimiterSettings(true, 1, Duration.ofMillis(300), Duration.ofSeconds(2), null)));
		for (int i = 0; i < 3; i++) {
			this.connector.blocking().request(ConnectorRequest.get("/q").build());
		}
		// one call per 300 ms period: the third waits for the third period
		assertThat(gap(0, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@EachHttpTransport
	void instancesAreRegisteredUnderTheClientsName() {
		start((n, response) -> response.send(),
				(s) -> s.attemptTimeout(Duration.ofSeconds(1))
					.circuitBreaker(CircuitBreakerSettings.builder()
						.enabled(true)
						.slidingWindowSize(10)
						.waitDurationInOpenState(Duration.ofSeconds(1))
						.permittedNumberOfCallsInHalfOpenState(1)
						.build())
					.bulkhead(new BulkheadSettings(true, 5, null))
					.rateLimiter(new RateLimiterSettings(true, 5, Duration.ofSeconds(1), Duration.ZERO, null)));
		assertThat(this.registries.retries().find("payments")).isPresent();
		assertThat(this.registries.timeLimiters().find("payments")).isPresent();
		assertThat(this.registries.circuitBreakers().find("payments")).isPresent();
		assertThat(this.registries.bulkheads().find("payments")).isPresent();
		assertThat(this.registries.rateLimiters().find("payments")).isPresent();
	}

	@FunctionalInterface
	interface ResponseByCount {

		org.reactivestreams.Publisher<Void> handle(int count, reactor.netty.http.server.HttpServerResponse response);

	}

}
