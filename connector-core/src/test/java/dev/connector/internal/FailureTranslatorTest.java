package dev.connector.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.connector.AuthenticationException;
import dev.connector.ClientErrorException;
import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.DecodeException;
import dev.connector.FailureKind;
import dev.connector.RateLimitedException;
import dev.connector.RejectedCallException;
import dev.connector.RejectedCallException.Guard;
import dev.connector.ResponseException;
import dev.connector.ServerErrorException;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.codec.EncodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * How {@link FailureTranslator} turns what goes wrong in a call, and an error status, into
 * the exception a user sees.
 */
class FailureTranslatorTest {

	private static final URI TARGET = URI.create("http://localhost:8081/charges");

	private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

	private static final int ATTEMPTS = 3;

	private final ClientSettings settings = ClientSettings.builder("payments")
		.attemptTimeout(Duration.ofMillis(1500))
		.readTimeout(Duration.ofMillis(300))
		.maxInMemorySize(4096)
		.build();

	private final FailureTranslator translator = new FailureTranslator(this.settings, Clock.fixed(NOW, ZoneOffset.UTC));

	static Stream<Arguments> failures() {
		return Stream.of(
				arguments("connection refused", new ConnectException("Connection refused"), TransportException.class,
						FailureKind.TRANSPORT, "Could not connect: Connection refused"),
				arguments("unknown host", new UnknownHostException("pay.invalid"), TransportException.class,
						FailureKind.TRANSPORT, "Unknown host: pay.invalid"),
				arguments("no route to host", new NoRouteToHostException("No route to host"),
						TransportException.class, FailureKind.TRANSPORT, "Could not connect: No route to host"),
				arguments("TLS handshake", new SSLHandshakeException("PKIX path building failed"),
						TransportException.class, FailureKind.TRANSPORT, "TLS handshake failed: PKIX path building failed"),
				arguments("TLS after handshake", new SSLException("Tag mismatch"), TransportException.class,
						FailureKind.TRANSPORT, "TLS failure: Tag mismatch"),
				arguments("untrusted server certificate", untrustedCertificate(), TransportException.class,
						FailureKind.TRANSPORT, "TLS handshake failed: the server's certificate was not trusted (PKIX"),
				arguments("server certificate for another host",
						new SSLHandshakeException("No subject alternative names matching IP address 127.0.0.1 found"),
						TransportException.class, FailureKind.TRANSPORT,
						"TLS handshake failed: the server's certificate is not for this host"),
				arguments("client certificate rejected", new SSLHandshakeException("Received fatal alert: bad_certificate"),
						TransportException.class, FailureKind.TRANSPORT,
						"TLS handshake failed: the server rejected the client certificate, or none was sent"),
				arguments("client certificate required after a TLS 1.3 handshake",
						new SSLException("Received fatal alert: certificate_required"), TransportException.class,
						FailureKind.TRANSPORT, "TLS handshake failed: the server rejected the client certificate"),
				arguments("connection reset", new IOException("Connection reset by peer"), TransportException.class,
						FailureKind.TRANSPORT, "Connection failed: Connection reset by peer"),
				arguments("I/O failure without message", new IOException(), TransportException.class,
						FailureKind.TRANSPORT, "Connection failed: IOException"),
				arguments("refusal nested two levels deep",
						new IllegalStateException("outer",
								new RuntimeException("middle", new ConnectException("Connection refused"))),
						TransportException.class, FailureKind.TRANSPORT, "Could not connect: Connection refused"),
				arguments("pool acquire timeout", new PoolAcquireTimeoutException(Duration.ofSeconds(10)),
						TransportException.class, FailureKind.TRANSPORT,
						"No pooled connection became free within pool.pending-acquire-timeout (10s)"),
				arguments("timeout", new TimeoutException("Did not observe any item"),
						ConnectorTimeoutException.class, FailureKind.TIMEOUT,
						"No response within the attempt-timeout of 1500ms"),
				arguments("Netty read timeout", ReadTimeoutException.INSTANCE, ConnectorTimeoutException.class,
						FailureKind.TIMEOUT, "No data received within the read-timeout of 300ms"),
				arguments("open circuit breaker",
						CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")),
						RejectedCallException.class, FailureKind.REJECTED, "Circuit breaker is open"),
				arguments("full bulkhead", BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x")),
						RejectedCallException.class, FailureKind.REJECTED, "Bulkhead is full (25 calls in flight)"),
				arguments("rate limit reached",
						RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x")),
						RejectedCallException.class, FailureKind.REJECTED, "Rate limit reached"),
				arguments("timer refused", new RejectedExecutionException("stopped"), ConnectorException.class,
						FailureKind.REJECTED, "Client is closed"),
				arguments("body over the limit", new DataBufferLimitException("Exceeded limit on max bytes"),
						DecodeException.class, FailureKind.DECODE, "Response body is larger than max-in-memory-size"),
				arguments("body not encodable", new EncodingException("No encoder for Payment"),
						ConnectorException.class, FailureKind.CONFIGURATION,
						"Could not encode the request: No encoder for Payment"),
				arguments("body not decodable", new DecodingException("JSON decoding error: Unexpected end"),
						DecodeException.class, FailureKind.DECODE,
						"Could not decode the response: JSON decoding error: Unexpected end"),
				arguments("malformed status line", thrownBy(new NumberFormatException("For input string: \"two-hundred\""),
						"java.lang.Integer", "io.netty.handler.codec.http.HttpObjectDecoder"),
						TransportException.class, FailureKind.TRANSPORT,
						"The response was not valid HTTP: For input string: \"two-hundred\""),
				arguments("malformed header", thrownBy(new IllegalArgumentException("a header name can only contain \"token\""),
						"io.netty.handler.codec.DefaultHeaders", "io.netty.handler.codec.http.HttpObjectDecoder"),
						TransportException.class, FailureKind.TRANSPORT, "The response was not valid HTTP: a header name"),
				arguments("illegal argument from the caller's code", thrownBy(new IllegalArgumentException("bad name"),
						"io.netty.handler.codec.http.DefaultHttpHeaders", "org.example.Caller"),
						ConnectorException.class, FailureKind.UNKNOWN, "Call failed"),
				arguments("anything else", new IllegalArgumentException("boom"), ConnectorException.class,
						FailureKind.UNKNOWN, "Call failed: java.lang.IllegalArgumentException: boom"));
	}

	/** As the JDK reports a server certificate that no trusted certificate vouches for. */
	private static SSLHandshakeException untrustedCertificate() {
		SSLHandshakeException handshake = new SSLHandshakeException(
				"PKIX path building failed: unable to find valid certification path to requested target");
		handshake.initCause(new CertificateException("PKIX path building failed",
				new CertPathBuilderException("unable to find valid certification path to requested target")));
		return handshake;
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "untrusted", "rejected" })
	void certificateFailureNamesTheClientsSslBundleProperty(String failure) {
		SSLException error = failure.equals("untrusted") ? untrustedCertificate()
				: new SSLHandshakeException("Received fatal alert: certificate_required");
		ConnectorException translated = this.translator.translate(error, HttpMethod.GET, TARGET, 1);
		assertThat(translated).hasMessageContaining("set connector.clients.payments.ssl.bundle to an SSL bundle");
	}

	private static Throwable thrownBy(Throwable failure, String... classes) {
		failure.setStackTrace(Stream.of(classes)
			.map((type) -> new StackTraceElement(type, "decode", null, -1))
			.toArray(StackTraceElement[]::new));
		return failure;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void failureTranslatesToTheExceptionOfItsKind(String description, Throwable error,
			Class<? extends ConnectorException> type, FailureKind kind, String reason) {
		ConnectorException translated = this.translator.translate(error, HttpMethod.POST, TARGET, ATTEMPTS);
		assertThat(translated).isExactlyInstanceOf(type).hasMessageStartingWith(reason);
		assertThat(translated.kind()).isEqualTo(kind);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void translatedFailureNamesTheCallAndKeepsItsCause(String description, Throwable error) {
		ConnectorException translated = this.translator.translate(error, HttpMethod.POST, TARGET, ATTEMPTS);
		assertThat(translated.getClientName()).isEqualTo("payments");
		assertThat(translated.getMethod()).isEqualTo(HttpMethod.POST);
		assertThat(translated.getUri()).isEqualTo(TARGET);
		assertThat(translated.getAttempts()).isEqualTo(ATTEMPTS);
		assertThat(translated).hasMessageEndingWith("[client=payments, POST " + TARGET + ", attempts=3]")
			.hasCauseReference(error);
	}

	static Stream<Arguments> transportFailures() {
		return Stream.of(arguments("connection refused", new ConnectException("Connection refused"), true),
				arguments("unknown host", new UnknownHostException("pay.invalid"), true),
				arguments("no route to host", new NoRouteToHostException("No route to host"), true),
				arguments("pool acquire timeout", new PoolAcquireTimeoutException(Duration.ofSeconds(10)), true),
				arguments("TLS handshake", new SSLHandshakeException("PKIX path building failed"), true),
				arguments("TLS after handshake", new SSLException("Tag mismatch"), false),
				arguments("connection reset", new IOException("Connection reset by peer"), false),
				arguments("I/O failure without message", new IOException(), false),
				arguments("refusal nested two levels deep", new IllegalStateException("outer",
						new RuntimeException("middle", new ConnectException("Connection refused"))), true));
	}

	@ParameterizedTest(name = "{0} -> connect failure {2}")
	@MethodSource("transportFailures")
	void transportFailureSaysWhetherTheConnectionWasEverMade(String description, Throwable error,
			boolean connectFailure) {
		TransportException translated = (TransportException) this.translator.translate(error, HttpMethod.POST, TARGET,
				ATTEMPTS);
		assertThat(translated.isConnectFailure()).isEqualTo(connectFailure);
	}

	static Stream<Arguments> guardRejections() {
		return Stream.of(
				arguments(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")),
						Guard.CIRCUIT_BREAKER),
				arguments(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x")), Guard.BULKHEAD),
				arguments(RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x")),
						Guard.RATE_LIMITER));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("guardRejections")
	void guardRejectionNamesTheGuard(Throwable error, Guard guard) {
		RejectedCallException translated = (RejectedCallException) this.translator.translate(error, HttpMethod.GET,
				TARGET, ATTEMPTS);
		assertThat(translated.getGuard()).isEqualTo(guard);
	}

	@Test
	void timeoutCarriesTheAttemptTimeout() {
		ConnectorTimeoutException translated = (ConnectorTimeoutException) this.translator
			.translate(new TimeoutException(), HttpMethod.GET, TARGET, ATTEMPTS);
		assertThat(translated.getTimeout()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void bodyOverTheLimitNamesTheLimitAndTheClientsProperty() {
		ConnectorException translated = this.translator.translate(new DataBufferLimitException("Exceeded"),
				HttpMethod.GET, TARGET, ATTEMPTS);
		assertThat(translated).hasMessageContaining("max-in-memory-size (4096 bytes)")
			.hasMessageContaining("connector.clients.payments.max-in-memory-size");
	}

	@Test
	void connectorExceptionIsReturnedAsTheSameInstance() {
		ConnectorException failure = ConnectorException.builder("payments")
			.method(HttpMethod.GET)
			.failure("Refused by policy", FailureKind.REJECTED);
		assertThat(this.translator.translate(failure, HttpMethod.POST, TARGET, ATTEMPTS)).isSameAs(failure);
	}

	static Stream<Arguments> errorStatuses() {
		return Stream.of(arguments(400, ClientErrorException.class, FailureKind.CLIENT_ERROR),
				arguments(401, AuthenticationException.class, FailureKind.CLIENT_ERROR),
				arguments(403, AuthenticationException.class, FailureKind.CLIENT_ERROR),
				arguments(404, ClientErrorException.class, FailureKind.CLIENT_ERROR),
				arguments(429, RateLimitedException.class, FailureKind.CLIENT_ERROR),
				arguments(500, ServerErrorException.class, FailureKind.SERVER_ERROR),
				arguments(503, ServerErrorException.class, FailureKind.SERVER_ERROR));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("errorStatuses")
	void errorStatusTranslatesToTheExceptionOfItsClass(int status, Class<? extends ResponseException> type,
			FailureKind kind) {
		ResponseException translated = this.translator.fromStatus(received(status, new HttpHeaders(), "{}"),
				HttpMethod.POST, TARGET, ATTEMPTS);
		assertThat(translated).isExactlyInstanceOf(type);
		assertThat(translated.kind()).isEqualTo(kind);
		assertThat(translated.getStatus()).isEqualTo(status);
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 204, 302, 399 })
	void statusBelow400IsNoFailure(int status) {
		assertThat(this.translator.fromStatus(received(status, new HttpHeaders(), ""), HttpMethod.GET, TARGET,
				ATTEMPTS))
			.isNull();
	}

	@Test
	void errorStatusNamesTheCallAndKeepsHeadersAndBody() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseException translated = this.translator.fromStatus(received(503, headers, "{\"error\":\"down\"}"),
				HttpMethod.POST, TARGET, ATTEMPTS);
		assertThat(translated.getClientName()).isEqualTo("payments");
		assertThat(translated.getMethod()).isEqualTo(HttpMethod.POST);
		assertThat(translated.getUri()).isEqualTo(TARGET);
		assertThat(translated.getAttempts()).isEqualTo(ATTEMPTS);
		assertThat(translated.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(translated.getBodyExcerpt()).isEqualTo("{\"error\":\"down\"}");
		assertThat(translated)
			.hasMessage("Upstream answered 503: {\"error\":\"down\"} [client=payments, POST " + TARGET + ", attempts=3]");
	}

	@Test
	void responseWithoutUriIsNamedByTheRequestsUri() {
		ResponseException translated = this.translator.fromStatus(ConnectorResponse.of(500, null, null),
				HttpMethod.GET, TARGET, ATTEMPTS);
		assertThat(translated.getUri()).isEqualTo(TARGET);
		assertThat(translated).hasMessageContaining("GET " + TARGET);
	}

	@Test
	void responseUriNamesTheFailureOverTheRequestsUri() {
		URI redirected = URI.create("http://localhost:8082/charges");
		ConnectorResponse response = ConnectorResponse.received(500, new HttpHeaders(), null, 1, redirected,
				BodyDecoder.DEFAULT);
		assertThat(this.translator.fromStatus(response, HttpMethod.GET, TARGET, ATTEMPTS).getUri())
			.isEqualTo(redirected);
	}

	@Test
	void bodyExcerptOfErrorStatusIsBounded() {
		ResponseException translated = this.translator.fromStatus(received(500, new HttpHeaders(), "e".repeat(50_000)),
				HttpMethod.GET, TARGET, ATTEMPTS);
		assertThat(translated.getBodyExcerpt()).startsWith("e".repeat(BodyExcerpt.MAX_CHARS))
			.endsWith("... (50000 bytes)")
			.hasSizeLessThan(BodyExcerpt.MAX_CHARS + 32);
		assertThat(translated.getMessage()).hasSizeLessThan(BodyExcerpt.MAX_CHARS + 200);
	}

	@Test
	void rateLimitedCarriesRetryAfterSeconds() {
		assertThat(rateLimited("7").getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void rateLimitedCarriesRetryAfterHttpDateMeasuredFromTheClock() {
		String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
		assertThat(rateLimited(inNinetySeconds).getRetryAfter()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void rateLimitedWithUnreadableRetryAfterCarriesNone() {
		assertThat(rateLimited("after lunch").getRetryAfter()).isNull();
	}

	private RateLimitedException rateLimited(String retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		return (RateLimitedException) this.translator.fromStatus(received(429, headers, ""), HttpMethod.GET, TARGET,
				ATTEMPTS);
	}

	private static ConnectorResponse received(int status, HttpHeaders headers, String body) {
		return ConnectorResponse.received(status, headers, body.getBytes(StandardCharsets.UTF_8), 1, TARGET,
				BodyDecoder.DEFAULT);
	}

}
