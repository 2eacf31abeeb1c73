package dev.connector;

import org.springframework.http.HttpHeaders;

/**
 * The server refused the caller: 401 Unauthorized or 403 Forbidden.
 *
 * @since 0.1.0
 */
public class AuthenticationException extends ClientErrorException {

	private static final long serialVersionUID = 1L;

	AuthenticationException(ConnectorException.Builder call, int status, HttpHeaders headers, String bodyExcerpt) {
		super(call, status, headers, bodyExcerpt);
	}

}
