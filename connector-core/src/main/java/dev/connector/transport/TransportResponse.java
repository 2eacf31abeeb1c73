package dev.connector.transport;

import java.util.Objects;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * A response as a {@link Transport} delivers it: status and headers, then the body as a
 * stream of chunks. The body must be consumed or cancelled exactly once, and each chunk
 * released by whoever consumes it, so that the connection goes back to its pool.
 * <p>
 * A message-oriented transport (such as {@code websocket}) answers with
 * {@link #messages() messages} set: the status and headers are those of its handshake, and
 * each body buffer is one whole message as it arrived, never a part of one nor several.
 * The connector then takes a call's body to be the first message (cancelling the rest, which
 * ends the exchange) and decodes each message of a stream as one element, however many
 * lines it holds.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body chunks, or the messages; empty for no body
 * @param messages whether each body buffer is one whole message
 * @since 0.1.0
 */
public record TransportResponse(int status, HttpHeaders headers, Flux<DataBuffer> body, boolean messages) {

	/**
	 * Create a new instance.
	 */
	public TransportResponse {
		Objects.requireNonNull(headers, "headers must not be null");
		Objects.requireNonNull(body, "body must not be null");
	}

	/**
	 * Create a response whose body is a stream of chunks, as HTTP delivers it.
	 * @param status the status code
	 * @param headers the response headers
	 * @param body the body chunks; empty for no body
	 */
	public TransportResponse(int status, HttpHeaders headers, Flux<DataBuffer> body) {
		this(status, headers, body, false);
	}

}
