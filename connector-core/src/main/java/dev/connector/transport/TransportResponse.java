package dev.connector.transport;

import java.util.Objects;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * A response as a {@link Transport} delivers it: status and headers, then the body as a
 * stream of chunks. The body must be consumed or cancelled exactly once, and each chunk
 * released by whoever consumes it, so that the connection goes back to its pool.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body chunks; empty for no body
 * @since 0.1.0
 */
public record TransportResponse(int status, HttpHeaders headers, Flux<DataBuffer> body) {

	/**
	 * Create a new instance.
	 */
	public TransportResponse {
		Objects.requireNonNull(headers, "headers must not be null");
		Objects.requireNonNull(body, "body must not be null");
	}

}
