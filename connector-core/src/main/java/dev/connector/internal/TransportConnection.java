package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.connector.transport.Transport;
import reactor.core.publisher.Mono;

/**
 * One client's transport and its lifecycle: connected lazily, at most once per successful
 * connect however many first calls race for it (a failed connect is tried again by the
 * next call), and closed once.
 */
final class TransportConnection {

	/** Reactor's "never expires" for {@link Mono#cache(java.util.function.Function, java.util.function.Function, java.util.function.Supplier)}. */
	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private final Transport transport;

	private final Mono<Void> connect;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean connected;

	TransportConnection(Transport transport) {
		this.transport = transport;
		// shared by every call until it succeeds; an error is not kept, so the next call retries
		this.connect = Mono.defer(transport::connect)
			.doOnSuccess((ignored) -> this.connected = true)
			.cache((value) -> FOREVER, (error) -> Duration.ZERO, () -> FOREVER);
	}

	Transport transport() {
		return this.transport;
	}

	/**
	 * Run an exchange once the transport is connected.
	 */
	<T> Mono<T> whenConnected(Mono<T> exchange) {
		return this.connected ? exchange : this.connect.then(exchange);
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Mark the connection closed.
	 * @return {@code true} for the first call only
	 */
	boolean close() {
		return this.closed.compareAndSet(false, true);
	}

}
