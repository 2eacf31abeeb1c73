package dev.connector;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The server answered with a 4xx status: the request was wrong and repeating it unchanged will not help.
 *
 * @since 0.1.0
 */
public class ClientErrorException extends ResponseException {

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
	public ClientErrorException(String clientName, HttpMethod method, URI uri, int attempts, int status, HttpHeaders headers,
			String bodyExcerpt) {
		super(clientName, method, uri, attempts, status, headers, bodyExcerpt);
	}

}
