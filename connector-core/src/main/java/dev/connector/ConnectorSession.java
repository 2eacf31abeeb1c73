package dev.connector;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

/**
 * An open session with an upstream system: one connection for full-duplex messages, such
 * as a WebSocket, opened by {@link Connector#session(ConnectorRequest)}. A session is used
 * by one conversation; messages of one session are never seen by another.
 *
 * <pre>{@code
 * chat.session(ConnectorRequest.get("/chat").build())
 *     .flatMapMany((session) -> session.send(Flux.just("hello", "bye"))
 *         .thenMany(session.receive(String.class).take(2))
 *         .concatWith(session.close().then(Mono.empty())))
 *     .subscribe(System.out::println);
 * }</pre>
 *
 * If the connection drops, {@link #receive(Class)} fails with a {@link TransportException}
 * and sends fail; the session is not reopened: open another one.
 *
 * @since 0.1.0
 */
public interface ConnectorSession {

	/**
	 * Return the response of the session's handshake: status ({@code 101} for a WebSocket)
	 * and headers, without a body.
	 * @return the handshake's response
	 */
	ConnectorResponse handshake();

	/**
	 * Send each element of a publisher as one message, as it comes: a {@code String} as
	 * text, a {@code byte[]} as binary, any other object as JSON text written by the
	 * client's codecs. The messages of successive sends go out in the order the sends were
	 * subscribed. Nothing is sent until the result is subscribed.
	 * @param messages the messages
	 * @return a publisher that completes once every message was handed to the connection,
	 * or fails if the session is closed or its connection failed
	 */
	Mono<Void> send(Publisher<?> messages);

	/**
	 * Send one message; see {@link #send(Publisher)}.
	 * @param message the message
	 * @return a publisher that completes once the message was handed to the connection
	 */
	default Mono<Void> send(Object message) {
		return send(Mono.just(message));
	}

	/**
	 * Receive the messages of the session as they arrive, each decoded as one element with
	 * the client's codecs: as {@code String} (the text of the message), {@code byte[]}, or
	 * any other type read as JSON. Messages are read only as fast as the subscriber asks.
	 * Receive once per session.
	 * @param <T> the element type
	 * @param type the element class
	 * @return a publisher of the messages that completes when the session is closed by
	 * either side, or fails with a {@link TransportException} if the connection drops, or
	 * with a {@link DecodeException}
	 */
	<T> Flux<T> receive(Class<T> type);

	/**
	 * Receive the messages of the session as a generic type; see {@link #receive(Class)}.
	 * @param <T> the element type
	 * @param type the element type
	 * @return a publisher of the messages
	 */
	<T> Flux<T> receive(ParameterizedTypeReference<T> type);

	/**
	 * Close the session: stop sending, complete {@link #receive(Class)}, and close the
	 * connection with a close frame. Idempotent.
	 * @return a publisher that completes once the session let go of its connection
	 */
	Mono<Void> close();

}
