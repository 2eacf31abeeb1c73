package dev.connector;

import java.net.URI;

import org.springframework.http.HttpMethod;

/**
 * The response arrived but its body could not be turned into the requested type, or it was
 * larger than the client's {@code max-in-memory-size}.
 *
 * @since 0.1.0
 */
public class DecodeException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param reason what could not be decoded, and why
	 * @param clientName the client's name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param attempts the number of attempts made
	 * @param cause the decoder's error
	 */
	public DecodeException(String reason, String clientName, HttpMethod method, URI uri, int attempts,
			Throwable cause) {
		super(reason, clientName, method, uri, attempts, cause);
	}

}
