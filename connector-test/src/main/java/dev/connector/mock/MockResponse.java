package dev.connector.mock;

import java.time.Duration;
import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What a {@link ConnectorMockServer} answers to one request: a status, headers and a body,
 * after an optional delay; or a fault, such as a connection reset, that the client meets as it
 * would meet it on the network. Immutable: every method returns a new response.
 *
 * <pre class="code">
 * MockResponse.json(new Charge("ch_1", 500));
 * MockResponse.status(503).delay(Duration.ofMillis(50));
 * MockResponse.tooManyRequests(Duration.ofSeconds(1));
 * MockResponse.connectionReset();
 * </pre>
 *
 * @since 0.1.0
 */
public final class MockResponse {

	private final int status;

	private final HttpHeaders headers;

	private final Object body;

	private final boolean json;

	private final Duration delay;

	private final boolean reset;

	private MockResponse(int status, HttpHeaders headers, Object body, boolean json, Duration delay, boolean reset) {
		this.status = status;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = body;
		this.json = json;
		this.delay = delay;
		this.reset = reset;
	}

	/**
	 * Answer with a status and no body.
	 * @param status the status code, from 100 to 599
	 * @return a new response
	 */
	public static MockResponse status(int status) {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be between 100 and 599, was " + status);
		}
		return new MockResponse(status, new HttpHeaders(), null, false, Duration.ZERO, false);
	}

	/**
	 * Answer with a status and no body.
	 * @param status the status
	 * @return a new response
	 */
	public static MockResponse status(HttpStatus status) {
		return status(status.value());
	}

	/**
	 * Answer {@code 200 OK} with no body.
	 * @return a new response
	 */
	public static MockResponse ok() {
		return status(200);
	}

	/**
	 * Answer {@code 200 OK} with this object as JSON, written by the server's
	 * {@code ObjectMapper}.
	 * @param body the object
	 * @return a new response
	 */
	public static MockResponse json(Object body) {
		return ok().json(body, true);
	}

	/**
	 * Answer {@code 200 OK} with this text as {@code text/plain}.
	 * @param body the text
	 * @return a new response
	 */
	public static MockResponse text(String body) {
		return ok().body(body);
	}

	/**
	 * Answer {@code 503 Service Unavailable}, which a client retries by default.
	 * @return a new response
	 */
	public static MockResponse serviceUnavailable() {
		return status(503);
	}

	/**
	 * Answer {@code 429 Too Many Requests} with a {@code Retry-After} header, which a client
	 * retries after that wait when it respects {@code Retry-After}, or reports as a
	 * {@link dev.connector.RateLimitedException} carrying it.
	 * @param retryAfter the wait, in whole seconds
	 * @return a new response
	 */
	public static MockResponse tooManyRequests(Duration retryAfter) {
		return status(429).header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
	}

	/**
	 * Fail the exchange as a connection reset by the upstream does: the client meets the
	 * same {@link java.io.IOException} as from the network, translated into a
	 * {@link dev.connector.TransportException} and retried where the client's policy allows.
	 * @return a new response
	 */
	public static MockResponse connectionReset() {
		return new MockResponse(0, new HttpHeaders(), null, false, Duration.ZERO, true);
	}

	/**
	 * Add a response header.
	 * @param name the header name
	 * @param values the values
	 * @return a new response
	 */
	public MockResponse header(String name, String... values) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(this.headers);
		for (String value : values) {
			copy.add(name, value);
		}
		return new MockResponse(this.status, copy, this.body, this.json, this.delay, this.reset);
	}

	/**
	 * Set the body to this text, as {@code text/plain} unless a {@code Content-Type} was set.
	 * @param body the text
	 * @return a new response
	 */
	public MockResponse body(String body) {
		return withBody(body, MediaType.TEXT_PLAIN);
	}

	/**
	 * Set the body to these bytes, as {@code application/octet-stream} unless a
	 * {@code Content-Type} was set.
	 * @param body the bytes
	 * @return a new response
	 */
	public MockResponse body(byte[] body) {
		return withBody(body.clone(), MediaType.APPLICATION_OCTET_STREAM);
	}

	/**
	 * Set the body to this object as JSON, written by the server's {@code ObjectMapper}.
	 * @param body the object
	 * @return a new response
	 */
	public MockResponse jsonBody(Object body) {
		return json(body, true);
	}

	/**
	 * Answer only after this delay, measured in real time from the moment the client sends
	 * the request. A client's deadline shorter than the delay cancels the exchange and
	 * fails the call with a {@link dev.connector.ConnectorTimeoutException}.
	 * @param delay the delay
	 * @return a new response
	 */
	public MockResponse delay(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		return new MockResponse(this.status, copy(this.headers), this.body, this.json, delay, this.reset);
	}

	private MockResponse json(Object body, boolean json) {
		HttpHeaders copy = copy(this.headers);
		if (copy.getContentType() == null) {
			copy.setContentType(MediaType.APPLICATION_JSON);
		}
		return new MockResponse(this.status, copy, body, json, this.delay, this.reset);
	}

	private MockResponse withBody(Object body, MediaType defaultType) {
		HttpHeaders copy = copy(this.headers);
		if (copy.getContentType() == null) {
			copy.setContentType(defaultType);
		}
		return new MockResponse(this.status, copy, body, false, this.delay, this.reset);
	}

	private static HttpHeaders copy(HttpHeaders headers) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(headers);
		return copy;
	}

	int statusCode() {
		return this.status;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	Object body() {
		return this.body;
	}

	boolean isJson() {
		return this.json;
	}

	Duration delayDuration() {
		return this.delay;
	}

	boolean isReset() {
		return this.reset;
	}

	@Override
	public String toString() {
		if (this.reset) {
			return "connection reset" + ((this.delay.isZero()) ? "" : " after " + this.delay);
		}
		return this.status + ((this.delay.isZero()) ? "" : " after " + this.delay);
	}

}
