package dev.connector;

import java.net.URI;

import org.springframework.http.HttpMethod;

/**
 * The call failed below HTTP: the connection was refused or reset, the host name did not
 * resolve, the TLS handshake failed, or the connection closed before a response.
 *
 * @since 0.1.0
 */
public class TransportException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final boolean connectFailure;

	/**
	 * Create a new instance.
	 * @param reason what went wrong
	 * @param clientName the client's name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param attempts the number of attempts made
	 * @param connectFailure whether the connection was never established
	 * @param cause the underlying I/O error
	 */
	public TransportException(String reason, String clientName, HttpMethod method, URI uri, int attempts,
			boolean connectFailure, Throwable cause) {
		super(reason, clientName, method, uri, attempts, cause);
		this.connectFailure = connectFailure;
	}

	/**
	 * Return whether the connection was never established (refused, unresolvable host,
	 * connect timeout), in which case the server cannot have seen the request and even a
	 * non-idempotent call is safe to repeat.
	 * @return {@code true} if no connection was made
	 */
	public boolean isConnectFailure() {
		return this.connectFailure;
	}

}
