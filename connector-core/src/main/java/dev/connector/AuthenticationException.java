package dev.connector;

import org.springframework.http.HttpHeaders;

/**
 * The caller could not authenticate: the server refused it (401 Unauthorized or 403
 * Forbidden, with that {@link #getStatus() status}), or the client could not obtain the
 * credentials to send, such as a token endpoint that failed, timed out or is backing off
 * after failures (status {@code 0}, kind {@link FailureKind#REJECTED}: the upstream was
 * not asked, so the failure says nothing about it and is not retried).
 *
 * @since 0.1.0
 */
public class AuthenticationException extends ClientErrorException {

	private static final long serialVersionUID = 1L;

	AuthenticationException(ConnectorException.Builder call, int status, HttpHeaders headers, String bodyExcerpt) {
		super(call, status, headers, bodyExcerpt);
	}

	AuthenticationException(ConnectorException.Builder call, String reason) {
		super(call, reason, FailureKind.REJECTED);
	}

}
