package dev.connector;

import org.springframework.http.HttpHeaders;

/**
 * The server answered with a 4xx status: the request was wrong and repeating it unchanged
 * will not help.
 *
 * @since 0.1.0
 */
public class ClientErrorException extends ResponseException {

	private static final long serialVersionUID = 1L;

	ClientErrorException(ConnectorException.Builder call, int status, HttpHeaders headers, String bodyExcerpt) {
		super(call, status, headers, bodyExcerpt, FailureKind.CLIENT_ERROR);
	}

	ClientErrorException(ConnectorException.Builder call, String reason, FailureKind kind) {
		super(call, reason, kind);
	}

}
