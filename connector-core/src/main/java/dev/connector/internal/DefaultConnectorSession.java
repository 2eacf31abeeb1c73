package dev.connector.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.connector.ConfigurationException;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorSession;
import dev.connector.FailureKind;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * The shipped {@link ConnectorSession}: the messages a {@code SessionTransport} received
 * after its handshake, and the sends queued for its connection. Its handshake is a
 * {@link RealCall} whose attempts end in opening the session, so that it gets a call's
 * deadline, retry, guards, observation and health. Everything here belongs to one session.
 */
final class DefaultConnectorSession implements ConnectorSession {

	private final ClientRuntime runtime;

	private final ConnectorRequest request;

	private final ConnectorResponse handshake;

	private final Flux<DataBuffer> messages;

	private final Outbound outbound;

	private final AtomicBoolean received = new AtomicBoolean();

	private final Sinks.Empty<Void> closed = Sinks.empty();

	private DefaultConnectorSession(ClientRuntime runtime, ConnectorRequest request, ConnectorResponse handshake,
			Flux<DataBuffer> messages, Outbound outbound) {
		this.runtime = runtime;
		this.request = request;
		this.handshake = handshake;
		this.messages = messages;
		this.outbound = outbound;
	}

	/**
	 * Open a session: make the handshake as a call, and wrap what it opened.
	 */
	static Mono<ConnectorSession> open(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request) {
		if (!runtime.exchange().holdsSessions()) {
			String transport = runtime.settings().transport();
			return Mono.error(new ConfigurationException(runtime.name(), "transport",
					"transport '" + transport + "' holds no sessions",
					"Open sessions on a client whose transport holds them, such as transport: websocket with "
							+ "url: ws://..., or use request or stream."));
		}
		return Mono.defer(() -> {
			Outbound outbound = new Outbound(request.body());
			ConnectorRequest handshake = request.toBuilder().body(outbound.messages(), Object.class).build();
			AtomicReference<Flux<DataBuffer>> opened = new AtomicReference<>();
			RealCall call = new RealCall(runtime, steps, handshake, false,
					(sent, attempt, progress) -> runtime.exchange()
						.openSession(sent, attempt, progress)
						.doOnNext((response) -> opened.set(attempt.streamedBody())));
			return call.execute()
				.<ConnectorSession>map((response) -> new DefaultConnectorSession(runtime, request, response,
						opened.getAndSet(null), outbound))
				// a session opened but never handed over (a deadline raced it) is closed at once
				.doOnError((error) -> discard(opened.getAndSet(null)))
				.doOnCancel(() -> discard(opened.getAndSet(null)));
		});
	}

	private static void discard(Flux<DataBuffer> messages) {
		if (messages != null) {
			messages.subscribe(new BaseSubscriber<>() {

				@Override
				protected void hookOnSubscribe(Subscription subscription) {
					cancel();
				}

			});
		}
	}

	@Override
	public ConnectorResponse handshake() {
		return this.handshake;
	}

	@Override
	public Mono<Void> send(Publisher<?> messages) {
		return this.outbound.send(messages, this::failure);
	}

	@Override
	public <T> Flux<T> receive(Class<T> type) {
		return receive(ResolvableType.forClass(type));
	}

	@Override
	public <T> Flux<T> receive(ParameterizedTypeReference<T> type) {
		return receive(ResolvableType.forType(type));
	}

	private <T> Flux<T> receive(ResolvableType type) {
		return Flux.defer(() -> {
			if (!this.received.compareAndSet(false, true)) {
				return Flux.error(new IllegalStateException(
						"The messages of a session are received once, by one subscriber (or it was closed)"));
			}
			Flux<DataBuffer> messages = this.messages.takeUntilOther(this.closed.asMono());
			return this.runtime.decoder()
				.<T>decodeMessages(this.handshake, messages, type, this.request.method())
				.onErrorMap(this::translate);
		});
	}

	@Override
	public Mono<Void> close() {
		return Mono.fromRunnable(() -> {
			this.outbound.close();
			this.closed.tryEmitEmpty();
			if (this.received.compareAndSet(false, true)) {
				// nobody receives: end the messages here, which closes the connection
				discard(this.messages);
			}
		});
	}

	private Throwable translate(Throwable error) {
		ConnectorException failure = this.runtime.translator()
			.translate(error, this.request.method(), this.handshake.uri(), this.handshake.attempts());
		if (this.runtime.connection().isClosed() && failure.kind() == FailureKind.TRANSPORT) {
			return this.runtime.translator()
				.shutDown(this.request.method(), this.handshake.uri(), this.handshake.attempts(), failure);
		}
		return failure;
	}

	private ConnectorException failure(String reason) {
		return ConnectorException.builder(this.runtime.name())
			.method(this.request.method())
			.uri(this.runtime.translator().redact(this.handshake.uri()))
			.attempts(this.handshake.attempts())
			.transport(reason, false);
	}

	@Override
	public String toString() {
		return "ConnectorSession[" + this.runtime.name() + ", " + this.runtime.translator().redact(this.handshake.uri())
				+ "]";
	}

	/**
	 * The messages a session sends: the request's body first, then each send's, in the
	 * order the sends were subscribed, each send's publisher subscribed only after the
	 * previous one completed, so that a slow connection slows the sender. A send still
	 * queued when the session ends fails.
	 */
	private static final class Outbound {

		private final Object first;

		private final Sinks.Many<Send> sends = Sinks.many().unicast().onBackpressureBuffer();

		Outbound(Object first) {
			this.first = first;
		}

		Flux<Object> messages() {
			Flux<Object> first = (this.first == null) ? Flux.empty()
					: (this.first instanceof Publisher<?> publisher) ? Flux.from(publisher) : Flux.just(this.first);
			return first.concatWith(this.sends.asFlux().concatMap(Send::messages, 1))
				.doOnDiscard(Send.class, Send::abandon);
		}

		Mono<Void> send(Publisher<?> messages, Function<String, ConnectorException> failure) {
			return Mono.defer(() -> {
				Send send = new Send(messages, failure);
				Sinks.EmitResult result;
				synchronized (this) {
					result = this.sends.tryEmitNext(send);
				}
				return result.isSuccess() ? send.done.asMono()
						: Mono.error(failure.apply("The session is closed: the messages were not sent"));
			});
		}

		void close() {
			synchronized (this) {
				this.sends.tryEmitComplete();
			}
		}

	}

	/**
	 * One send: its messages, and the signal of their having been handed to the connection.
	 */
	private static final class Send {

		private final Publisher<?> messages;

		private final Function<String, ConnectorException> failure;

		private final Sinks.Empty<Void> done = Sinks.empty();

		Send(Publisher<?> messages, Function<String, ConnectorException> failure) {
			this.messages = messages;
			this.failure = failure;
		}

		Flux<Object> messages() {
			// a send that fails fails alone: the session goes on with the next
			return Flux.<Object>from(this.messages)
				.doOnComplete(this.done::tryEmitEmpty)
				.doOnCancel(this::abandon)
				.onErrorResume((error) -> {
					this.done.tryEmitError(error);
					return Flux.empty();
				});
		}

		void abandon() {
			this.done.tryEmitError(this.failure.apply("The session ended before the messages were sent"));
		}

	}

}
