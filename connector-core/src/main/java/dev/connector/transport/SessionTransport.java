package dev.connector.transport;

import reactor.core.publisher.Mono;

/**
 * A {@link Transport} that can hold a session: one connection kept open for full-duplex
 * messages, as {@code Connector#session} opens it. Transports that cannot (such as
 * {@code http}) simply do not implement it, and a session asked of their clients fails
 * with a {@link dev.connector.ConfigurationException} naming the transport.
 * <p>
 * The connector runs the handshake as a call: through the interceptors (so credentials
 * are added), within the call's deadline, retried while it fails as a call would, observed
 * and counted in the client's health. Once the response arrived, nothing is retried.
 *
 * @since 0.1.0
 */
public interface SessionTransport extends Transport {

	/**
	 * Open a session. Nothing happens until the returned publisher is subscribed; each
	 * subscription opens another connection. The request's body is a
	 * {@link org.reactivestreams.Publisher} of the application's messages, each element one
	 * message, subscribed once the session is open and for as long as it lasts: its
	 * completion does not end the session. The response is emitted once the handshake
	 * completed, with {@link TransportResponse#messages()} set and as its body the messages
	 * received; completing that body (the peer closed) or cancelling it (the application
	 * closed) ends the session and its connection. A refused handshake is emitted as a
	 * response of its status, with no messages.
	 * @param request the request, with its URI resolved and its body the outgoing messages
	 * @return a publisher of the handshake's response
	 */
	Mono<TransportResponse> open(TransportRequest request);

}
