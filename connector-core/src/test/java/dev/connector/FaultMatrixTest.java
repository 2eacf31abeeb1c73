package dev.connector;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.FaultServer;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.FaultServer.Fault;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Every fault a server or the network can inflict on a call, one row each, against a real
 * misbehaving server on loopback: the exception and its kind, a message that names the call
 * and says what happened, the time it took against the limits configured, the attempts the
 * retry policy allows (counted by the server), and no connection left open afterwards.
 */
class FaultMatrixTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private static final Duration READ_TIMEOUT = Duration.ofMillis(300);

	private static final int MAX_ATTEMPTS = 3;

	private static final int MAX_IN_MEMORY_SIZE = 64 * 1024;

	/** The slack a loaded two-core machine needs on top of any limit. */
	private static final Duration SLACK = Duration.ofSeconds(2);

	@AutoClose
	private FaultServer server;

	@AutoClose
	private Connector connector;

	private Connector connect(HttpTransportUnderTest transport, String baseUrl) {
		this.connector = transport.builder("faults")
			.settings((s) -> s.baseUrl(baseUrl)
				.timeout(TIMEOUT)
				.connectTimeout(Duration.ofMillis(300))
				.readTimeout(READ_TIMEOUT)
				.maxInMemorySize(MAX_IN_MEMORY_SIZE)
				.retry(ClientSettings.RetrySettings.builder()
					.maxAttempts(MAX_ATTEMPTS)
					.waitDuration(Duration.ofMillis(20))
					.multiplier(1.0)
					.jitter(0)
					.build()))
			.build();
		return this.connector;
	}

	static Stream<Row> faults() {
		Duration quick = SLACK;
		Duration readTimeouts = READ_TIMEOUT.multipliedBy(MAX_ATTEMPTS).plus(SLACK);
		return Stream.of(
				row("refused GET", null, HttpMethod.GET, TransportException.class, FailureKind.TRANSPORT, MAX_ATTEMPTS,
						"Could not connect")
					.within(quick)
					.then((e) -> assertThat(((TransportException) e).isConnectFailure()).isTrue()),
				row("refused POST is retried: it never reached the server", null, HttpMethod.POST,
						TransportException.class, FailureKind.TRANSPORT, MAX_ATTEMPTS, "Could not connect")
					.within(quick),
				row("never answers, GET", Fault.NEVER_ANSWER, HttpMethod.GET, ConnectorTimeoutException.class,
						FailureKind.TIMEOUT, MAX_ATTEMPTS, "No data received within the read-timeout of 300ms")
					.within(READ_TIMEOUT.multipliedBy(MAX_ATTEMPTS), readTimeouts)
					.then((e) -> assertThat(((ConnectorTimeoutException) e).getTimeout()).isEqualTo(READ_TIMEOUT)),
				row("never answers, POST is not repeated", Fault.NEVER_ANSWER, HttpMethod.POST,
						ConnectorTimeoutException.class, FailureKind.TIMEOUT, 1,
						"No data received within the read-timeout of 300ms")
					.within(READ_TIMEOUT, READ_TIMEOUT.plus(SLACK)),
				row("headers then a stalled body", Fault.STALLED_BODY, HttpMethod.GET, ConnectorTimeoutException.class,
						FailureKind.TIMEOUT, MAX_ATTEMPTS, "No data received within the read-timeout of 300ms")
					.within(READ_TIMEOUT.multipliedBy(MAX_ATTEMPTS), readTimeouts),
				row("closed mid-body, GET", Fault.CLOSE_MID_BODY, HttpMethod.GET, TransportException.class,
						FailureKind.TRANSPORT, MAX_ATTEMPTS, "Connection failed")
					.within(quick)
					.then((e) -> assertThat(((TransportException) e).isConnectFailure()).isFalse()),
				row("closed mid-body, POST is not repeated", Fault.CLOSE_MID_BODY, HttpMethod.POST,
						TransportException.class, FailureKind.TRANSPORT, 1, "Connection failed")
					.within(quick),
				row("reset, GET", Fault.RESET, HttpMethod.GET, TransportException.class, FailureKind.TRANSPORT,
						MAX_ATTEMPTS, "Connection failed")
					.within(quick)
					.then((e) -> assertThat(((TransportException) e).isConnectFailure()).isFalse()),
				row("reset, POST is not repeated", Fault.RESET, HttpMethod.POST, TransportException.class,
						FailureKind.TRANSPORT, 1, "Connection failed")
					.within(quick),
				row("malformed status line", Fault.MALFORMED_STATUS_LINE, HttpMethod.GET, TransportException.class,
						FailureKind.TRANSPORT, MAX_ATTEMPTS, "not valid HTTP")
					.within(quick),
				row("malformed header", Fault.MALFORMED_HEADER, HttpMethod.GET, TransportException.class,
						FailureKind.TRANSPORT, MAX_ATTEMPTS, "not valid HTTP")
					.within(quick),
				row("Content-Length larger than the body", Fault.SHORT_CONTENT_LENGTH, HttpMethod.GET,
						TransportException.class, FailureKind.TRANSPORT, MAX_ATTEMPTS, "Connection failed")
					.within(quick),
				row("invalid JSON for a typed call", Fault.INVALID_JSON, HttpMethod.GET, DecodeException.class,
						FailureKind.DECODE, 1, "Could not decode the body as")
					.asTyped()
					.within(quick),
				row("body over max-in-memory-size", Fault.OVERSIZED_BODY, HttpMethod.GET, DecodeException.class,
						FailureKind.DECODE, 1, "larger than max-in-memory-size (65536 bytes)")
					.within(quick),
				row("latency past the request's timeout", Fault.LATENCY, HttpMethod.GET,
						ConnectorTimeoutException.class, FailureKind.TIMEOUT, 1, "No response within the deadline of 100ms")
					.sending((r) -> r.timeout(Duration.ofMillis(100)))
					.within(Duration.ofMillis(100), Duration.ofMillis(100).plus(SLACK))
					.then((e) -> assertThat(((ConnectorTimeoutException) e).getTimeout())
						.isEqualTo(Duration.ofMillis(100))),
				row("429 without Retry-After", Fault.TOO_MANY_REQUESTS, HttpMethod.GET, RateLimitedException.class,
						FailureKind.CLIENT_ERROR, MAX_ATTEMPTS, "429")
					.within(quick)
					.then((e) -> assertThat(((RateLimitedException) e).getRetryAfter()).isNull()),
				row("429 with Retry-After in seconds sets the wait", Fault.TOO_MANY_REQUESTS_RETRY_AFTER_SECONDS,
						HttpMethod.GET, RateLimitedException.class, FailureKind.CLIENT_ERROR, 2, "429")
					.sending((r) -> r.maxAttempts(2))
					.within(Duration.ofSeconds(1), Duration.ofSeconds(1).plus(SLACK))
					.then((e) -> assertThat(((RateLimitedException) e).getRetryAfter())
						.isEqualTo(Duration.ofSeconds(1))),
				row("429 with a Retry-After date past the deadline fails at once",
						Fault.TOO_MANY_REQUESTS_RETRY_AFTER_DATE, HttpMethod.GET, RateLimitedException.class,
						FailureKind.CLIENT_ERROR, 1, "429")
					.server(FaultServer.Options.DEFAULTS.withRetryAfter(Duration.ofSeconds(30)))
					.within(quick)
					.then((e) -> assertThat(((RateLimitedException) e).getRetryAfter())
						.isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30))),
				row("503, GET", Fault.SERVICE_UNAVAILABLE, HttpMethod.GET, ServerErrorException.class,
						FailureKind.SERVER_ERROR, MAX_ATTEMPTS, "503")
					.within(quick),
				row("503, POST is not repeated", Fault.SERVICE_UNAVAILABLE, HttpMethod.POST,
						ServerErrorException.class, FailureKind.SERVER_ERROR, 1, "503")
					.within(quick),
				// only a 429's Retry-After sets the wait (README); a 503's backs off as usual
				row("503 with Retry-After in seconds", Fault.SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, HttpMethod.GET,
						ServerErrorException.class, FailureKind.SERVER_ERROR, MAX_ATTEMPTS, "503")
					.server(FaultServer.Options.DEFAULTS.withRetryAfter(Duration.ofSeconds(10)))
					.within(quick),
				row("503 with a Retry-After date", Fault.SERVICE_UNAVAILABLE_RETRY_AFTER_DATE, HttpMethod.GET,
						ServerErrorException.class, FailureKind.SERVER_ERROR, MAX_ATTEMPTS, "503")
					.server(FaultServer.Options.DEFAULTS.withRetryAfter(Duration.ofSeconds(10)))
					.within(quick));
	}

	static Stream<Arguments> faultsOnEachTransport() {
		return HttpTransportUnderTest.ALL.stream()
			.flatMap((transport) -> faults().map((row) -> Arguments.of(transport, row)));
	}

	@ParameterizedTest(name = "[{0}] {1}")
	@MethodSource("faultsOnEachTransport")
	void faultRaisesItsExceptionAfterTheAttemptsThePolicyAllowsAndLeavesNoConnectionOpen(
			HttpTransportUnderTest transport, Row row) {
		String baseUrl;
		String path;
		if (row.fault() == null) {
			baseUrl = "http://127.0.0.1:" + LoopbackServer.unusedPort();
			path = "/refused";
		}
		else {
			this.server = FaultServer.start(row.options());
			baseUrl = this.server.baseUrl();
			path = FaultServer.path(row.fault(), "k1");
		}
		connect(transport, baseUrl);
		ConnectorRequest.Builder builder = ConnectorRequest.method(row.method(), path);
		if (row.method() == HttpMethod.POST) {
			builder.body("{\"charge\":1}");
		}
		row.request().accept(builder);
		ConnectorRequest request = builder.build();

		long start = System.nanoTime();
		Throwable thrown = catchThrowable(() -> {
			if (row.typed()) {
				this.connector.blocking().request(request, Answer.class);
			}
			else {
				this.connector.blocking().request(request);
			}
		});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(thrown).isExactlyInstanceOf(row.type());
		ConnectorException error = (ConnectorException) thrown;
		assertThat(error.kind()).isEqualTo(row.kind());
		assertThat(error.getClientName()).isEqualTo("faults");
		assertThat(error.getMethod()).isEqualTo(row.method());
		assertThat(error.getUri()).hasToString(baseUrl + path);
		assertThat(error).hasMessageContaining("client=faults")
			.hasMessageContaining(row.method().name() + " " + baseUrl + path)
			.hasMessageContaining(row.says())
			.hasMessageNotContaining("Call failed");
		assertThat(error.getAttempts()).isEqualTo(row.attempts());
		assertThat(elapsed).isBetween(row.atLeast(), row.atMost());
		row.expect().accept(error);
		// nothing left behind in the client: no connection still acquired, no call waiting for one
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.connector.pool().map((pool) -> pool.active() == 0 && pool.pending() == 0).orElse(true));
		if (this.server != null) {
			assertThat(this.server.attempts("k1")).isEqualTo(row.attempts());
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.busyConnections() == 0);
			this.connector.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
		}
	}

	@EachHttpTransport
	void latencyWithinTheLimitsIsAnswered(HttpTransportUnderTest transport) {
		this.server = FaultServer.start(FaultServer.Options.DEFAULTS.withLatency(Duration.ofMillis(150)));
		connect(transport, this.server.baseUrl());
		long start = System.nanoTime();
		Answer answer = this.connector.blocking()
			.request(ConnectorRequest.get(FaultServer.path(Fault.LATENCY, "k1")).build(), Answer.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(answer).isEqualTo(new Answer("k1", "GET", 1));
		assertThat(elapsed).isBetween(Duration.ofMillis(150), TIMEOUT.plus(SLACK));
		assertThat(this.server.attempts("k1")).isEqualTo(1);
		this.connector.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
	}

	@EachHttpTransport
	void connectionsStayUsableAfterFaultsThatLeaveThemIntact(HttpTransportUnderTest transport) {
		this.server = FaultServer.start();
		connect(transport, this.server.baseUrl());
		for (Fault fault : new Fault[] { Fault.SERVICE_UNAVAILABLE, Fault.INVALID_JSON, Fault.TOO_MANY_REQUESTS }) {
			catchThrowable(() -> this.connector.blocking()
				.request(ConnectorRequest.get(FaultServer.path(fault, "k1")).retry(false).build(), Answer.class));
		}
		assertThat(this.connector.blocking().request(ConnectorRequest.get("/ok").build(), Answer.class))
			.isEqualTo(new Answer("/ok", "GET", 1));
		// the pool returns a connection after the response is delivered, so the next call
		// may open a second one: how many is not the point, that none is left mid-exchange is
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.busyConnections() == 0);
		this.connector.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
	}

	/**
	 * What the server answers normally.
	 */
	record Answer(String key, String method, int attempt) {
	}

	private static Row row(String name, Fault fault, HttpMethod method, Class<? extends ConnectorException> type,
			FailureKind kind, int attempts, String says) {
		return new Row(name, fault, method, type, kind, attempts, says, Duration.ZERO, SLACK, (e) -> {
		}, false, (r) -> {
		}, FaultServer.Options.DEFAULTS);
	}

	/**
	 * One fault and what it must raise.
	 */
	record Row(String name, Fault fault, HttpMethod method, Class<? extends ConnectorException> type,
			FailureKind kind, int attempts, String says, Duration atLeast, Duration atMost,
			Consumer<ConnectorException> expect, boolean typed, Consumer<ConnectorRequest.Builder> request,
			FaultServer.Options options) {

		Row within(Duration atMost) {
			return within(Duration.ZERO, atMost);
		}

		Row within(Duration atLeast, Duration atMost) {
			return new Row(this.name, this.fault, this.method, this.type, this.kind, this.attempts, this.says, atLeast,
					atMost, this.expect, this.typed, this.request, this.options);
		}

		Row then(Consumer<ConnectorException> expect) {
			return new Row(this.name, this.fault, this.method, this.type, this.kind, this.attempts, this.says,
					this.atLeast, this.atMost, expect, this.typed, this.request, this.options);
		}

		Row asTyped() {
			return new Row(this.name, this.fault, this.method, this.type, this.kind, this.attempts, this.says,
					this.atLeast, this.atMost, this.expect, true, this.request, this.options);
		}

		Row sending(Consumer<ConnectorRequest.Builder> request) {
			return new Row(this.name, this.fault, this.method, this.type, this.kind, this.attempts, this.says,
					this.atLeast, this.atMost, this.expect, this.typed, request, this.options);
		}

		Row server(FaultServer.Options options) {
			return new Row(this.name, this.fault, this.method, this.type, this.kind, this.attempts, this.says,
					this.atLeast, this.atMost, this.expect, this.typed, this.request, options);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
