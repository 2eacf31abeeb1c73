package dev.connector;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The root of every error a {@link Connector} raises. Unchecked and immutable. Each
 * instance names the client, method and URI of the failed call and how many attempts were
 * made, both in its message and as fields, says what kind of failure it is
 * ({@link #kind()}), and keeps the underlying cause.
 * <p>
 * Build one with {@link #builder(String)}, for example in an interceptor:
 * <pre>{@code
 * throw ConnectorException.builder(chain.clientName())
 *         .method(request.method())
 *         .failure("Refused by policy", FailureKind.REJECTED);
 * }</pre>
 *
 * @since 0.1.0
 */
public class ConnectorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String clientName;

	private final transient HttpMethod method;

	private final URI uri;

	private final int attempts;

	private final FailureKind kind;

	ConnectorException(Builder call, String reason, FailureKind kind) {
		super(describe(reason, call.clientName, call.method, call.uri, call.attempts), call.cause);
		this.clientName = call.clientName;
		this.method = call.method;
		this.uri = call.uri;
		this.attempts = call.attempts;
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
	}

	/**
	 * Create an exception that is not about a single call, such as a configuration error.
	 * @param message the whole message
	 * @param clientName the client's name, or {@code null}
	 * @param kind what kind of failure it is
	 */
	ConnectorException(String message, String clientName, FailureKind kind) {
		super(message);
		this.clientName = clientName;
		this.method = null;
		this.uri = null;
		this.attempts = 0;
		this.kind = kind;
	}

	/**
	 * Start building an exception about a call of the named client.
	 * @param clientName the client's name
	 * @return a new builder
	 */
	public static Builder builder(String clientName) {
		return new Builder(clientName);
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
	 * Return what kind of failure this is: whether it says the upstream is unwell, proves
	 * it reachable, or says nothing about it.
	 * @return the kind
	 */
	public FailureKind kind() {
		return this.kind;
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
	 * Return the number of attempts made before this error was raised.
	 * @return the attempts, {@code 0} if none started
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Builds the exception of a failed call: first the call's coordinates, then one of the
	 * terminal methods, each of which returns the exception type of its failure. Not
	 * thread-safe; a builder may build several exceptions.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String clientName;

		private HttpMethod method;

		private URI uri;

		private int attempts;

		private Throwable cause;

		private Builder(String clientName) {
			this.clientName = clientName;
		}

		/**
		 * Set the request's method.
		 * @param method the method, or {@code null} if not known
		 * @return this builder
		 */
		public Builder method(HttpMethod method) {
			this.method = method;
			return this;
		}

		/**
		 * Set the request's URI.
		 * @param uri the URI, or {@code null} if not known
		 * @return this builder
		 */
		public Builder uri(URI uri) {
			this.uri = uri;
			return this;
		}

		/**
		 * Set how many attempts were made.
		 * @param attempts the attempts, {@code 0} if none started
		 * @return this builder
		 */
		public Builder attempts(int attempts) {
			this.attempts = attempts;
			return this;
		}

		/**
		 * Set the underlying cause.
		 * @param cause the cause, or {@code null}
		 * @return this builder
		 */
		public Builder cause(Throwable cause) {
			this.cause = cause;
			return this;
		}

		/**
		 * Build a failure with no more specific type.
		 * @param reason what went wrong, without the call's coordinates
		 * @param kind what kind of failure it is
		 * @return the exception
		 */
		public ConnectorException failure(String reason, FailureKind kind) {
			return new ConnectorException(this, reason, kind);
		}

		/**
		 * Build a failure below HTTP.
		 * @param reason what went wrong
		 * @param connectFailure whether the connection was never established
		 * @return the exception
		 */
		public TransportException transport(String reason, boolean connectFailure) {
			return new TransportException(this, reason, connectFailure);
		}

		/**
		 * Build a deadline failure.
		 * @param reason which deadline passed
		 * @param timeout the deadline, or {@code null} if not known
		 * @return the exception
		 */
		public ConnectorTimeoutException timeout(String reason, Duration timeout) {
			return new ConnectorTimeoutException(this, reason, timeout);
		}

		/**
		 * Build the failure of an error status, of the type its status calls for:
		 * {@link AuthenticationException} (401, 403), {@link RateLimitedException} (429),
		 * {@link ClientErrorException} (other 4xx), {@link ServerErrorException} (5xx), or
		 * {@link ResponseException} otherwise.
		 * @param status the response status
		 * @param headers the response headers
		 * @param bodyExcerpt the start of the body, already bounded
		 * @param retryAfter the wait a 429 asked for, or {@code null}
		 * @return the exception
		 */
		public ResponseException response(int status, HttpHeaders headers, String bodyExcerpt, Duration retryAfter) {
			if (status == 401 || status == 403) {
				return new AuthenticationException(this, status, headers, bodyExcerpt);
			}
			if (status == 429) {
				return new RateLimitedException(this, status, headers, bodyExcerpt, retryAfter);
			}
			if (status >= 400 && status < 500) {
				return new ClientErrorException(this, status, headers, bodyExcerpt);
			}
			if (status >= 500 && status < 600) {
				return new ServerErrorException(this, status, headers, bodyExcerpt);
			}
			return new ResponseException(this, status, headers, bodyExcerpt,
					(status < 500) ? FailureKind.CLIENT_ERROR : FailureKind.SERVER_ERROR);
		}

		/**
		 * Build the failure to obtain the credentials of a call, such as a token endpoint
		 * that failed: an {@link AuthenticationException} of status {@code 0} and kind
		 * {@link FailureKind#REJECTED}, which the call does not retry and which says
		 * nothing about the upstream's health. Set the method and URI of the request that
		 * failed to give credentials (the token endpoint's), and never put a credential in
		 * the reason.
		 * @param reason why no credentials could be obtained
		 * @return the exception
		 */
		public AuthenticationException authentication(String reason) {
			return new AuthenticationException(this, reason);
		}

		/**
		 * Build the failure of a body that could not be read.
		 * @param reason what could not be decoded, and why
		 * @return the exception
		 */
		public DecodeException decode(String reason) {
			return new DecodeException(this, reason);
		}

		/**
		 * Build the failure of a call a guard of the client refused.
		 * @param guard the guard
		 * @param reason why it refused
		 * @return the exception
		 */
		public RejectedCallException rejected(RejectedCallException.Guard guard, String reason) {
			return new RejectedCallException(this, guard, reason);
		}

	}

}
