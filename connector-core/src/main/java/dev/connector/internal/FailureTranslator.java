package dev.connector.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.FailureKind;
import dev.connector.RejectedCallException;
import dev.connector.ResponseException;
import dev.connector.config.ClientSettings;
import dev.connector.config.Durations;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.netty.handler.timeout.ReadTimeoutException;

import org.springframework.core.codec.CodecException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;

/**
 * Turns what can go wrong in a call into the {@link ConnectorException} a user sees: an
 * error status into a {@link ResponseException} of its class, and any other failure
 * (refused, reset, TLS, timeouts, guards, limits) into the subtype that says what happened,
 * naming the client, method, URI and attempts. A pure function of its inputs and the
 * client's settings, which it quotes in its messages.
 */
final class FailureTranslator {

	private final ClientSettings settings;

	private final Clock clock;

	private final UriRedactor redactor;

	FailureTranslator(ClientSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.redactor = UriRedactor.of(settings);
	}

	/**
	 * Return the URI as it may be shown: with the secrets of its query and user info
	 * masked.
	 * @param uri a URI, or {@code null}
	 * @return the URI to show
	 */
	URI redact(URI uri) {
		return this.redactor.redact(uri);
	}

	/**
	 * Return the exception of an error status.
	 * @param response the response
	 * @param method the request's method
	 * @param uri the request's URI, for a response that does not say where it came from
	 * @param attempts the attempts made
	 * @return the exception, or {@code null} for a status below 400
	 */
	ResponseException fromStatus(ConnectorResponse response, HttpMethod method, URI uri, int attempts) {
		int status = response.status();
		if (status < 400) {
			return null;
		}
		HttpHeaders headers = response.headers();
		String excerpt = BodyExcerpt.of(response.bodyAsByteBuffer(), ConnectorResponse.charset(headers));
		Duration retryAfter = (status == 429) ? RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock)
				: null;
		return call(method, (response.uri() != null) ? response.uri() : uri, attempts, null).response(status, headers, excerpt, retryAfter);
	}

	/**
	 * Return the exception of any failure; a {@link ConnectorException} is returned as is.
	 * @param error the failure
	 * @param method the request's method
	 * @param uri the request's URI, or {@code null} if not resolved
	 * @param attempts the attempts made
	 * @return the exception
	 */
	ConnectorException translate(Throwable error, HttpMethod method, URI uri, int attempts) {
		if (error instanceof ConnectorException connectorException) {
			return connectorException;
		}
		ConnectorException.Builder call = call(method, uri, attempts, error);
		if (error instanceof CallNotPermittedException) {
			return call.rejected(RejectedCallException.Guard.CIRCUIT_BREAKER, "Circuit breaker is open");
		}
		if (error instanceof BulkheadFullException) {
			return call.rejected(RejectedCallException.Guard.BULKHEAD,
					"Bulkhead is full (" + this.settings.bulkhead().maxConcurrentCalls() + " calls in flight)");
		}
		if (error instanceof RequestNotPermitted) {
			return call.rejected(RejectedCallException.Guard.RATE_LIMITER, "Rate limit reached");
		}
		if (error instanceof RejectedExecutionException) {
			// the deadline timer refused: the last client sharing it is closing; unlike a call
			// made on a closed client, this one had started, and the refusal is its cause
			return call.failure("Client is closed", FailureKind.REJECTED);
		}
		if (error instanceof DataBufferLimitException) {
			return call.decode("Response body is larger than max-in-memory-size (" + this.settings.maxInMemorySize()
					+ " bytes); raise connector.clients." + this.settings.name() + ".max-in-memory-size");
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			ConnectorException translated = fromCause(call, cause);
			if (translated != null) {
				return translated;
			}
		}
		return call.failure("Call failed: " + error, FailureKind.UNKNOWN);
	}

	private ConnectorException fromCause(ConnectorException.Builder call, Throwable cause) {
		if (cause instanceof UnknownHostException) {
			return call.transport("Unknown host: " + cause.getMessage(), true);
		}
		if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
			return call.transport("Could not connect: " + cause.getMessage(), true);
		}
		if (cause.getClass().getSimpleName().equals("PoolAcquireTimeoutException")) {
			ClientSettings.PoolSettings pool = this.settings.pool();
			return call.transport("No pooled connection became free within pool.pending-acquire-timeout ("
					+ Durations.format(pool.pendingAcquireTimeout()) + "): all pool.max-connections ("
					+ pool.maxConnections() + ") were in use; raise connector.clients." + this.settings.name()
					+ ".pool.max-connections or .pool.pending-acquire-timeout, or lower the calls in flight", true);
		}
		if (cause instanceof SSLException tls) {
			return tls(call, tls);
		}
		if (cause instanceof ReadTimeoutException) {
			Duration readTimeout = this.settings.readTimeout();
			return call.timeout("No data received within the read-timeout of " + Durations.format(readTimeout),
					readTimeout);
		}
		if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException) {
			Duration attemptTimeout = this.settings.attemptTimeout();
			return call.timeout("No response within the attempt-timeout of " + Durations.format(attemptTimeout),
					attemptTimeout);
		}
		if (cause instanceof IOException) {
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			return call.transport("Connection failed: " + message, false);
		}
		if (cause instanceof DecodingException) {
			return call.decode("Could not decode the response: " + cause.getMessage());
		}
		if (thrownByHttpDecoder(cause)) {
			return call.transport("The response was not valid HTTP: " + cause.getMessage(), false);
		}
		if (cause instanceof CodecException || cause instanceof UnsupportedMediaTypeException) {
			return call.failure("Could not encode the request: " + cause.getMessage(), FailureKind.CONFIGURATION);
		}
		return null;
	}

	/**
	 * A TLS failure, saying which side's certificate was at fault and what to configure:
	 * the trust and client certificates of a client come from its SSL bundle.
	 */
	private ConnectorException tls(ConnectorException.Builder call, SSLException cause) {
		String message = String.valueOf(cause.getMessage());
		String bundle = "connector.clients." + this.settings.name() + ".ssl.bundle";
		boolean handshake = cause instanceof SSLHandshakeException;
		if (causedBy(cause, CertPathBuilderException.class) || causedBy(cause, CertPathValidatorException.class)) {
			return call.transport("TLS handshake failed: the server's certificate was not trusted (" + message
					+ "); set " + bundle + " to an SSL bundle (spring.ssl.bundle.*) whose truststore holds the "
					+ "certificate or its issuer", handshake);
		}
		if (message.contains("subject alternative name") || message.contains("No name matching")) {
			return call.transport("TLS handshake failed: the server's certificate is not for this host (" + message
					+ "); call the server by a name its certificate lists", handshake);
		}
		if (message.contains("bad_certificate") || message.contains("certificate_required")
				|| message.contains("unknown_ca") || message.contains("certificate_unknown")) {
			return call.transport("TLS handshake failed: the server rejected the client certificate, or none was "
					+ "sent (" + message + "); set " + bundle + " to an SSL bundle (spring.ssl.bundle.*) whose "
					+ "keystore holds a client certificate the server trusts", handshake);
		}
		return call.transport((handshake ? "TLS handshake failed: " : "TLS failure: ") + message, handshake);
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether Netty's HTTP decoder threw the failure while reading a response it could not
	 * parse (a status that is not a number, a header with a forbidden character): Netty
	 * raises these as plain {@code IllegalArgumentException}s, which only their origin tells
	 * apart from a failure in the caller's own code.
	 */
	private static boolean thrownByHttpDecoder(Throwable cause) {
		for (StackTraceElement frame : cause.getStackTrace()) {
			String type = frame.getClassName();
			if (type.startsWith("io.netty.handler.codec.http.HttpObjectDecoder")) {
				return true;
			}
			if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
					&& !type.startsWith("io.netty.handler.codec.")) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Return the exception of a call whose overall deadline passed.
	 */
	ConnectorTimeoutException callTimeout(Duration timeout, HttpMethod method, URI uri, int attempts,
			Throwable cause) {
		return call(method, uri, attempts, cause).timeout("No response within the deadline of "
				+ Durations.format(timeout), timeout);
	}

	/**
	 * Return the exception of a call made on, or cut short by, a closed client.
	 */
	ConnectorException closed(HttpMethod method, URI uri) {
		return call(method, uri, 0, null).failure("Client is closed", FailureKind.REJECTED);
	}

	/**
	 * Return the exception of a call still in flight when its client's shutdown stopped
	 * waiting for it.
	 */
	ConnectorException shutDown(HttpMethod method, URI uri, int attempts, Throwable cause) {
		return call(method, uri, attempts, cause).failure(
				"Client is shutting down: the call was still in flight when the shutdown grace period ended",
				FailureKind.REJECTED);
	}

	private ConnectorException.Builder call(HttpMethod method, URI uri, int attempts, Throwable cause) {
		return ConnectorException.builder(this.settings.name())
			.method(method)
			.uri(this.redactor.redact(uri))
			.attempts(attempts)
			.cause(cause);
	}

}
