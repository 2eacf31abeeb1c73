package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.connector.transport.Transport;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One client's transport and its lifecycle: connected lazily, at most once per successful
 * connect however many first calls race for it (a failed connect is tried again by the
 * next call), and closed once, gracefully: closing refuses new calls at once and lets the
 * calls in flight finish within a grace period before the transport is disconnected.
 */
final class TransportConnection {

	/** Reactor's "never expires" for {@link Mono#cache(java.util.function.Function, java.util.function.Function, java.util.function.Supplier)}. */
	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private final Transport transport;

	private final Mono<Void> connect;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean connected;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Sinks.Empty<Void> drained = Sinks.empty();

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
	 * Count a call in, unless the connection is closed.
	 * @return {@code false} if the call must be refused
	 */
	boolean enter() {
		this.inFlight.incrementAndGet();
		if (this.closed.get()) {
			exit();
			return false;
		}
		return true;
	}

	/**
	 * Count a call out, when it ends in any way.
	 */
	void exit() {
		if (this.inFlight.decrementAndGet() == 0 && this.closed.get()) {
			this.drained.tryEmitEmpty();
		}
	}

	/**
	 * Refuse new calls from now on.
	 * @return a publisher that completes once no call is in flight, or {@code null} if the
	 * connection was already closed
	 */
	Mono<Void> close() {
		if (!this.closed.compareAndSet(false, true)) {
			return null;
		}
		if (this.inFlight.get() == 0) {
			this.drained.tryEmitEmpty();
		}
		return this.drained.asMono();
	}

}
