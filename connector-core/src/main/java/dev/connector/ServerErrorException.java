package dev.connector;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The server answered with a 5xx status.
 *
 * @since 0.1.0
 */
public class ServerErrorException extends ResponseException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param clientName the client's name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param attempts the number of attempts made
	 * @param status the response status code
	 * @param headers the response headers
	 * @param bodyExcerpt the start of the response body, already bounded
	 */
	public ServerErrorException(String clientName, HttpMethod method, URI uri, int attempts, int status, HttpHeaders headers,
			String bodyExcerpt) {
		super(clientName, method, uri, attempts, status, headers, bodyExcerpt);
	}

}
