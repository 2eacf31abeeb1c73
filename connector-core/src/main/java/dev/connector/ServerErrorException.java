package dev.connector;

import org.springframework.http.HttpHeaders;

/**
 * The server answered with a 5xx status: it failed, and a later attempt may succeed.
 *
 * @since 0.1.0
 */
public class ServerErrorException extends ResponseException {

	private static final long serialVersionUID = 1L;

	ServerErrorException(ConnectorException.Builder call, int status, HttpHeaders headers, String bodyExcerpt) {
		super(call, status, headers, bodyExcerpt, FailureKind.SERVER_ERROR);
	}

}
