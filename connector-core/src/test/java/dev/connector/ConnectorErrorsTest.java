package dev.connector;

import java.time.Duration;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;

import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * How failures surface: statuses, refused and reset connections, deadlines, and the release
 * of connections on close. Real sockets on loopback throughout.
 */
class ConnectorErrorsTest {

	/** The transport of the running test, which each test sets first. */
	private HttpTransportUnderTest transport;

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;


	private Connector connect(LoopbackServer.Handler handler, Duration timeout) {
		this.server = LoopbackServer.start(handler);
		this.connector = this.transport.builder("payments")
			.settings((s) -> s.baseUrl(this.server.baseUrl()).timeout(timeout))
			.build();
		return this.connector;
	}

	static Stream<Arguments> errorStatuses() {
		Object[][] statuses = { { 400, "ClientErrorException" }, { 404, "ClientErrorException" },
				{ 401, "AuthenticationException" }, { 403, "AuthenticationException" },
				{ 429, "RateLimitedException" }, { 500, "ServerErrorException" }, { 503, "ServerErrorException" } };
		return HttpTransportUnderTest.ALL.stream()
			.flatMap((transport) -> Stream.of(statuses).map((row) -> Arguments.of(transport, row[0], row[1])));
	}

	@ParameterizedTest(name = "[{0}] {1} -> {2}")
	@MethodSource("errorStatuses")
	void errorStatusMapsToItsExceptionNamingClientMethodAndUri(HttpTransportUnderTest transport, int status,
			String type) {
		this.transport = transport;
		connect((request, response) -> response.status(status).sendString(Mono.just("{\"error\":\"nope\"}")),
				Duration.ofSeconds(5));
		ResponseException error = catchThrowableOfType(ResponseException.class,
				() -> this.connector.blocking().request(ConnectorRequest.post("/charges").body("{}").build()));
		assertThat(error.getClass().getSimpleName()).isEqualTo(type);
		assertThat(error.getStatus()).isEqualTo(status);
		assertThat(error.getClientName()).isEqualTo("payments");
		assertThat(error.getUri()).hasToString(this.server.baseUrl() + "/charges");
		assertThat(error.getAttempts()).isEqualTo(1);
		assertThat(error.getBodyExcerpt()).isEqualTo("{\"error\":\"nope\"}");
		assertThat(error).hasMessageContaining("client=payments")
			.hasMessageContaining("POST " + this.server.baseUrl() + "/charges")
			.hasMessageContaining(String.valueOf(status));
	}

	@EachHttpTransport
	void rateLimitedCarriesRetryAfterSeconds(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> response.status(429).header("Retry-After", "7").send(), Duration.ofSeconds(5));
		RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/quotes").build()));
		assertThat(error.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@EachHttpTransport
	void rateLimitedCarriesRetryAfterHttpDate(HttpTransportUnderTest transport) {
		this.transport = transport;
		String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
			.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
		connect((request, response) -> response.status(429).header("Retry-After", inTenSeconds).send(),
				Duration.ofSeconds(5));
		RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/quotes").build()));
		assertThat(error.getRetryAfter()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
	}

	@EachHttpTransport
	void bodyExcerptIsBounded(HttpTransportUnderTest transport) {
		this.transport = transport;
		String huge = "e".repeat(50_000);
		connect((request, response) -> response.status(500).sendString(Mono.just(huge)), Duration.ofSeconds(5));
		ServerErrorException error = catchThrowableOfType(ServerErrorException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/x").build()));
		assertThat(error.getBodyExcerpt()).hasSizeLessThan(300).endsWith("(50000 bytes)");
		assertThat(error.getMessage()).hasSizeLessThan(500);
	}

	@EachHttpTransport
	void connectionRefusedIsTransportExceptionBeforeConnecting(HttpTransportUnderTest transport) {
		this.transport = transport;
		int port = LoopbackServer.unusedPort();
		this.connector = this.transport.builder("payments").settings((s) -> s.baseUrl("http://127.0.0.1:" + port)).build();
		TransportException error = catchThrowableOfType(TransportException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/x").build()));
		assertThat(error.isConnectFailure()).isTrue();
		assertThat(error).hasMessageContaining("client=payments")
			.hasMessageContaining("GET http://127.0.0.1:" + port + "/x");
	}

	@EachHttpTransport
	void connectionResetIsTransportExceptionAfterConnecting(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> LoopbackServer.reset(response), Duration.ofSeconds(5));
		TransportException error = catchThrowableOfType(TransportException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/x").build()));
		assertThat(error.isConnectFailure()).isFalse();
		assertThat(error.getUri()).hasToString(this.server.baseUrl() + "/x");
	}

	@EachHttpTransport
	void slowServerTimesOutAtTheDeadlineNotWhenTheServerAnswers(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> Mono.delay(Duration.ofSeconds(10)).thenEmpty(response.send()),
				Duration.ofMillis(500));
		long start = System.nanoTime();
		ConnectorTimeoutException error = catchThrowableOfType(ConnectorTimeoutException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/slow").build()));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(500));
		// exactness is proven on virtual time (ConnectorVirtualTimeTest); here, that the
		// socket is abandoned at the deadline rather than when the server answers at 10s
		assertThat(elapsed).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
		assertThat(error).hasMessageContaining("client=payments").hasMessageContaining("/slow");
	}

	@EachHttpTransport
	void perRequestTimeoutOverridesTheClients(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> Mono.delay(Duration.ofMillis(700)).thenEmpty(response.sendString(Mono.just("ok"))),
				Duration.ofMillis(300));
		ConnectorResponse response = this.connector.blocking()
			.request(ConnectorRequest.get("/slow").timeout(Duration.ofSeconds(3)).build());
		assertThat(response.bodyAsString()).isEqualTo("ok");
		ConnectorTimeoutException error = catchThrowableOfType(ConnectorTimeoutException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/slow").build()));
		assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(300));
	}

	@EachHttpTransport
	void attemptTimeoutEndsEachAttempt(HttpTransportUnderTest transport) {
		this.transport = transport;
		this.server = LoopbackServer.start((request, response) -> Mono.delay(Duration.ofSeconds(10)).then());
		this.connector = this.transport.builder("payments")
			.settings((s) -> s.baseUrl(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(300)))
			.build();
		ConnectorTimeoutException error = catchThrowableOfType(ConnectorTimeoutException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/hang").build()));
		assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(error).hasMessageContaining("attempt-timeout");
	}

	@EachHttpTransport
	void timedOutCallReleasesItsConnection(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> Mono.delay(Duration.ofSeconds(10)).thenEmpty(response.send()),
				Duration.ofMillis(200));
		catchThrowableOfType(ConnectorTimeoutException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/slow").build()));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
	}

	@EachHttpTransport
	void closingTheConnectorClosesItsConnections(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> response.sendString(Mono.just("ok")), Duration.ofSeconds(5));
		for (int i = 0; i < 3; i++) {
			this.connector.blocking().request(ConnectorRequest.get("/ok").build());
		}
		assertThat(this.server.openConnections()).isPositive();
		this.connector.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
	}

	@EachHttpTransport
	void transportConnectsLazilyOnFirstCall(HttpTransportUnderTest transport) {
		this.transport = transport;
		AtomicInteger connects = new AtomicInteger();
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
		dev.connector.transport.TransportFactory http = this.transport.factory(java.util.function.UnaryOperator.identity());
		this.connector = this.transport.builder("lazy")
			.settings((s) -> s.baseUrl(this.server.baseUrl()))
			.transportFactory(new dev.connector.transport.TransportFactory() {
				@Override
				public String type() {
					return "http";
				}

				@Override
				public dev.connector.transport.Transport create(dev.connector.config.ClientSettings settings) {
					dev.connector.transport.Transport delegate = http.create(settings);
					return new dev.connector.transport.Transport() {
						@Override
						public Mono<Void> connect() {
							return Mono.fromRunnable(connects::incrementAndGet);
						}

						@Override
						public Mono<dev.connector.transport.TransportResponse> send(
								dev.connector.transport.TransportRequest request) {
							return delegate.send(request);
						}

						@Override
						public Mono<Void> disconnect() {
							return delegate.disconnect();
						}
					};
				}
			})
			.build();
		assertThat(connects).hasValue(0);
		assertThat(this.server.openConnections()).isZero();
		this.connector.blocking().request(ConnectorRequest.get("/a").build());
		this.connector.blocking().request(ConnectorRequest.get("/b").build());
		assertThat(connects).hasValue(1);
	}

	@EachHttpTransport
	void bodyNoCodecCanWriteFailsAsConfigurationNamingTheContentType(HttpTransportUnderTest transport) {
		this.transport = transport;
		connect((request, response) -> response.send(), Duration.ofSeconds(5));
		ConnectorException error = catchThrowableOfType(ConnectorException.class,
				() -> this.connector.blocking()
					.request(ConnectorRequest.post("/charges")
						.header("Content-Type", "text/plain")
						.body(new Charge(42))
						.build()));
		assertThat(error.kind()).isEqualTo(FailureKind.CONFIGURATION);
		assertThat(error).hasMessageContaining("Could not encode the request").hasMessageContaining("text/plain");
		assertThat(this.server.requests()).isEmpty();
	}

	@EachHttpTransport
	void stalledResponseFailsAfterTheReadTimeoutNamingIt(HttpTransportUnderTest transport) {
		this.transport = transport;
		this.server = LoopbackServer.start((request, response) -> Mono.never());
		this.connector = this.transport.builder("payments")
			.settings((s) -> s.baseUrl(this.server.baseUrl())
				.timeout(Duration.ofSeconds(20))
				.readTimeout(Duration.ofMillis(300))
				.retry(ClientSettings.RetrySettings.DEFAULTS.toBuilder().enabled(false).build()))
			.build();
		ConnectorTimeoutException error = catchThrowableOfType(ConnectorTimeoutException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/stalled").build()));
		assertThat(error).hasMessageContaining("No data received within the read-timeout of 300ms")
			.hasMessageContaining("client=payments");
		assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(error.kind()).isEqualTo(FailureKind.TIMEOUT);
	}

	record Charge(int amount) {
	}

}
