package dev.connector;

/**
 * The call failed below HTTP: the connection was refused or reset, the host name did not
 * resolve, the TLS handshake failed, or the connection closed before a response.
 *
 * @since 0.1.0
 * @see ConnectorException.Builder#transport(String, boolean)
 */
public class TransportException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final boolean connectFailure;

	TransportException(ConnectorException.Builder call, String reason, boolean connectFailure) {
		super(call, reason, FailureKind.TRANSPORT);
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
