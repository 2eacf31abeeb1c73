package dev.connector;

import java.net.URI;

import org.springframework.http.HttpMethod;

/**
 * The root of every error a {@link Connector} raises. Unchecked. Each instance names the
 * client, method and URI of the failed call and how many attempts were made, both in its
 * message and as fields, and keeps the underlying cause.
 *
 * @since 0.1.0
 */
public class ConnectorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String clientName;

	private final transient HttpMethod method;

	private final URI uri;

	private final int attempts;

	private boolean retryable;

	/**
	 * Create an exception for a failed call.
	 * @param reason what went wrong, without the call's coordinates
	 * @param clientName the client's name
	 * @param method the request's method, or {@code null} if not known
	 * @param uri the request's URI, or {@code null} if not known
	 * @param attempts the number of attempts made, {@code 0} if none started
	 * @param cause the cause, or {@code null}
	 */
	public ConnectorException(String reason, String clientName, HttpMethod method, URI uri, int attempts,
			Throwable cause) {
		super(describe(reason, clientName, method, uri, attempts), cause);
		this.clientName = clientName;
		this.method = method;
		this.uri = uri;
		this.attempts = attempts;
	}

	/**
	 * Create an exception that is not about a single call, such as a configuration error.
	 * @param message the whole message
	 * @param clientName the client's name, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	protected ConnectorException(String message, String clientName, Throwable cause) {
		super(message, cause);
		this.clientName = clientName;
		this.method = null;
		this.uri = null;
		this.attempts = 0;
	}

	private static String describe(String reason, String clientName, HttpMethod method, URI uri, int attempts) {
		StringBuilder message = new StringBuilder(reason).append(" [client=").append(clientName);
		if (method != null) {
			message.append(", ").append(method.name());
			if (uri != null) {
				message.append(' ').append(uri);
			}
		}
		return message.append(", attempts=").append(attempts).append(']').toString();
	}

	/**
	 * Return the name of the client that made the call.
	 * @return the client name, or {@code null} if not known
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return the method of the failed request.
	 * @return the method, or {@code null} if not known
	 */
	public HttpMethod getMethod() {
		return this.method;
	}

	/**
	 * Return the URI of the failed request, with its query.
	 * @return the URI, or {@code null} if not known
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Return whether the connector judged this failure worth another attempt: a transport
	 * failure, an attempt timeout or a retryable status, of a call that is safe to repeat
	 * (idempotent, or never sent), with retries on and, for a {@code Retry-After}, time left
	 * before the call's deadline. A failure that ends a call after retries were exhausted may
	 * still be retryable in kind.
	 * @return {@code true} if the retry policy may repeat the call
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	ConnectorException retryable(boolean retryable) {
		this.retryable = retryable;
		return this;
	}

	/**
	 * Return the number of attempts made before this error was raised.
	 * @return the attempts, {@code 0} if none started
	 */
	public int getAttempts() {
		return this.attempts;
	}

}
