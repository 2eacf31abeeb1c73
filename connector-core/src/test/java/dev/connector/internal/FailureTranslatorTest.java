package dev.connector.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.DecodeException;
import dev.connector.FailureKind;
import dev.connector.RateLimitedException;
import dev.connector.RejectedCallException;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.codec.EncodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each failure becomes: its type, kind and words, always naming the call and keeping
 * the cause. A pure function, tested as a table.
 */
class FailureTranslatorTest {

	private static final URI URI = java.net.URI.create("http://127.0.0.1:1/charges");

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final FailureTranslator translator = new FailureTranslator(ClientSettings.builder("payments")
		.attemptTimeout(Duration.ofMillis(1500))
		.readTimeout(Duration.ofMillis(300))
		.build(), Clock.fixed(NOW, ZoneOffset.UTC));

	static Stream<Arguments> failures() {
		return Stream.of(
				Arguments.of(new ConnectException("Connection refused"), TransportException.class,
						FailureKind.TRANSPORT, "Could not connect: Connection refused", true),
				Arguments.of(new UnknownHostException("nowhere.invalid"), TransportException.class,
						FailureKind.TRANSPORT, "Unknown host: nowhere.invalid", true),
				Arguments.of(new NoRouteToHostException("No route"), TransportException.class, FailureKind.TRANSPORT,
						"Could not connect", true),
				Arguments.of(new SSLHandshakeException("PKIX path building failed"), TransportException.class,
						FailureKind.TRANSPORT, "TLS handshake failed: PKIX", true),
				Arguments.of(new SSLException("bad record MAC"), TransportException.class, FailureKind.TRANSPORT,
						"TLS failure: bad record MAC", false),
				Arguments.of(new IOException("Connection reset by peer"), TransportException.class,
						FailureKind.TRANSPORT, "Connection failed: Connection reset by peer", false),
				Arguments.of(new IOException(), TransportException.class, FailureKind.TRANSPORT,
						"Connection failed: IOException", false),
				Arguments.of(new IllegalStateException("wrapped", new RuntimeException(new ConnectException("deep"))),
						TransportException.class, FailureKind.TRANSPORT, "Could not connect: deep", true),
				Arguments.of(new TimeoutException(), ConnectorTimeoutException.class, FailureKind.TIMEOUT,
						"No response within the attempt-timeout of 1500ms", false),
				Arguments.of(ReadTimeoutException.INSTANCE, ConnectorTimeoutException.class, FailureKind.TIMEOUT,
						"No data received within the read-timeout of 300ms", false),
				Arguments.of(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")),
						RejectedCallException.class, FailureKind.REJECTED, "Circuit breaker is open", false),
				Arguments.of(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x")),
						RejectedCallException.class, FailureKind.REJECTED, "Bulkhead is full", false),
				Arguments.of(RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x")),
						RejectedCallException.class, FailureKind.REJECTED, "Rate limit reached", false),
				Arguments.of(new RejectedExecutionException("stopped"), ConnectorException.class,
						FailureKind.REJECTED, "Client is closed", false),
				Arguments.of(new DataBufferLimitException("limit"), DecodeException.class, FailureKind.DECODE,
						"raise connector.clients.payments.max-in-memory-size", false),
				Arguments.of(new EncodingException("no encoder"), ConnectorException.class,
						FailureKind.CONFIGURATION, "Could not encode the request: no encoder", false),
				Arguments.of(thrownBy(new NumberFormatException("For input string: \"two-hundred\""),
						"java.lang.Integer", "io.netty.handler.codec.http.HttpObjectDecoder"),
						TransportException.class, FailureKind.TRANSPORT,
						"The response was not valid HTTP: For input string: \"two-hundred\"", false),
				Arguments.of(thrownBy(new IllegalArgumentException("a header name can only contain \"token\""),
						"io.netty.handler.codec.DefaultHeaders", "io.netty.handler.codec.http.HttpObjectDecoder"),
						TransportException.class,
						FailureKind.TRANSPORT, "The response was not valid HTTP: a header name", false),
				Arguments.of(thrownBy(new IllegalArgumentException("bad name"),
						"io.netty.handler.codec.http.DefaultHttpHeaders", "org.example.Caller"),
						ConnectorException.class, FailureKind.UNKNOWN, "Call failed", false),
				Arguments.of(new IllegalArgumentException("odd"), ConnectorException.class, FailureKind.UNKNOWN,
						"Call failed: java.lang.IllegalArgumentException: odd", false));
	}

	private static Throwable thrownBy(Throwable failure, String... classes) {
		failure.setStackTrace(Stream.of(classes)
			.map((type) -> new StackTraceElement(type, "decode", null, -1))
			.toArray(StackTraceElement[]::new));
		return failure;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void translatesEachFailureNamingTheCall(Throwable failure, Class<?> type, FailureKind kind, String words,
			boolean connectFailure) {
		ConnectorException translated = this.translator.translate(failure, HttpMethod.POST, URI, 2);
		assertThat(translated).isInstanceOf(type).hasMessageContaining(words);
		assertThat(translated.getClass()).isEqualTo(type);
		assertThat(translated.kind()).isEqualTo(kind);
		assertThat(translated).hasMessageContaining("[client=payments, POST " + URI + ", attempts=2]");
		assertThat(translated.getClientName()).isEqualTo("payments");
		assertThat(translated.getMethod()).isEqualTo(HttpMethod.POST);
		assertThat(translated.getUri()).isEqualTo(URI);
		assertThat(translated.getCause()).isSameAs(failure);
		if (translated instanceof TransportException transport) {
			assertThat(transport.isConnectFailure()).isEqualTo(connectFailure);
		}
	}

	@Test
	void aConnectorExceptionIsReturnedAsItIs() {
		ConnectorException failure = ConnectorException.builder("payments").transport("reset", false);
		assertThat(this.translator.translate(failure, HttpMethod.GET, URI, 1)).isSameAs(failure);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "400, ClientErrorException, CLIENT_ERROR", "401, AuthenticationException, CLIENT_ERROR",
			"403, AuthenticationException, CLIENT_ERROR", "404, ClientErrorException, CLIENT_ERROR",
			"429, RateLimitedException, CLIENT_ERROR", "500, ServerErrorException, SERVER_ERROR",
			"503, ServerErrorException, SERVER_ERROR" })
	void errorStatusesBecomeTheirExceptions(int status, String type, FailureKind kind) {
		ConnectorException error = this.translator.fromStatus(response(status, new HttpHeaders(), "nope"),
				HttpMethod.GET, URI, 1);
		assertThat(error.getClass().getSimpleName()).isEqualTo(type);
		assertThat(error.kind()).isEqualTo(kind);
		assertThat(error).hasMessageContaining("Upstream answered " + status + ": nope");
	}

	@ParameterizedTest
	@CsvSource({ "200", "204", "302", "399" })
	void statusesBelow400AreNotErrors(int status) {
		assertThat(this.translator.fromStatus(response(status, new HttpHeaders(), ""), HttpMethod.GET, URI, 1))
			.isNull();
	}

	@Test
	void rateLimitedReadsRetryAfterSecondsAndHttpDates() {
		assertThat(retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(retryAfter("Mon, 23 Nov 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
		assertThat(retryAfter("soon")).isNull();
	}

	@Test
	void aResponseWithoutItsOwnUriIsNamedByTheCallsUri() {
		ConnectorException error = this.translator.fromStatus(ConnectorResponse.of(500, null, null), HttpMethod.GET,
				URI, 1);
		assertThat(error.getUri()).isEqualTo(URI);
	}

	@Test
	void bodyExcerptIsBounded() {
		ConnectorException error = this.translator.fromStatus(response(500, new HttpHeaders(), "x".repeat(10_000)),
				HttpMethod.GET, URI, 1);
		assertThat(((ServerErrorException) error).getBodyExcerpt()).hasSizeLessThan(300).endsWith("(10000 bytes)");
	}

	private Duration retryAfter(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, value);
		return ((RateLimitedException) this.translator.fromStatus(response(429, headers, ""), HttpMethod.GET, URI, 1))
			.getRetryAfter();
	}

	private static ConnectorResponse response(int status, HttpHeaders headers, String body) {
		return ConnectorResponse.received(status, headers, body.getBytes(), 1, URI, BodyDecoder.DEFAULT);
	}


}
