package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.FailureKind;
import dev.connector.config.ClientSettings;
import dev.connector.config.Durations;
import io.github.resilience4j.retry.Retry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * One stream of a client, as a pipeline built per subscription. Like {@link RealCall} it
 * only orchestrates: each connection runs the interceptor chain, which ends in
 * {@link TransportExchange#open}, so interceptors see the request and the response headers;
 * an error status fails before the first element with the exception a call would raise;
 * the body is decoded element by element by the {@link StreamDecoder}, only as fast as the
 * subscriber asks.
 * <p>
 * Limits: {@code timeout} until the response headers, {@code stream.idle-timeout} between
 * two elements (and from the headers to the first), {@code stream.max-duration} over the
 * whole stream. A connection that fails before it delivered an element is retried as a
 * call is; after that, a failure is raised, unless the stream is Server-Sent Events with
 * {@code stream.resume} on and the connection dropped: then it reconnects with
 * {@code Last-Event-ID}, after the server's {@code retry:} delay.
 */
final class StreamCall<T> {

	private static final String LAST_EVENT_ID = "Last-Event-ID";

	private final ClientRuntime runtime;

	private final ConnectorRequest request;

	private final ResolvableType type;

	private final AttemptSteps steps;

	private final AttemptExchange exchange;

	StreamCall(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request, ResolvableType type) {
		this(runtime, steps, request, type, null);
	}

	/**
	 * Create a stream whose connections are opened by the given exchange, which leaves the
	 * decoded elements in {@link Attempt#streamedElements()}, rather than by the interceptor
	 * chain and the transport.
	 */
	StreamCall(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request, ResolvableType type,
			AttemptExchange exchange) {
		this.runtime = runtime;
		this.request = request;
		this.type = type;
		this.steps = steps;
		this.exchange = exchange;
	}

	Flux<T> execute() {
		TransportConnection transport = this.runtime.connection();
		if (!transport.enter()) {
			return Flux.error(this.runtime.translator()
				.closed(this.request.method(), this.runtime.uris().resolveOrNull(this.request)));
		}
		ClientSettings settings = this.runtime.settings();
		Duration timeout = (this.request.timeout() != null) ? this.request.timeout() : settings.timeout();
		Duration idle = (this.request.idleTimeout() != null) ? this.request.idleTimeout()
				: settings.stream().idleTimeout();
		long now = this.runtime.timer().now(TimeUnit.NANOSECONDS);
		CallProgress progress = new CallProgress(this.request, now + timeout.toNanos());
		StreamState state = new StreamState(now);
		Flux<T> connection = Flux.defer(() -> connect(progress, state, timeout, idle));
		RetryLoop retryLoop = Boolean.FALSE.equals(this.request.retry()) ? null : this.runtime.retryLoop();
		Flux<T> stream = Flux.defer(() -> {
			Retry.AsyncContext<Object> context = (retryLoop != null) ? retryLoop.context() : null;
			Flux<T> connections = reconnecting(connection, progress, state, retryLoop, context, 0);
			return (context != null) ? connections.doOnComplete(context::onComplete) : connections;
		});
		Duration maxDuration = settings.stream().maxDuration();
		if (maxDuration != null) {
			stream = stream.takeUntilOther(Mono.delay(maxDuration, this.runtime.timer())
				.then(Mono.error(() -> limit(progress, "Stream exceeded its stream.max-duration of ", maxDuration))));
		}
		stream = stream.onErrorMap((error) -> this.steps.settle(error, progress));
		stream = StreamLog.log(stream, settings, this.request, progress, state, this.runtime.timer(),
				this.runtime.translator());
		CallObservations observations = this.runtime.observations();
		stream = (observations != null) ? observations.observeStream(stream, progress, state) : stream;
		return stream.doFinally((signal) -> transport.exit());
	}

	/**
	 * Follow a failed connection with another where the retry policy or SSE resume allows.
	 */
	private Flux<T> reconnecting(Flux<T> connection, CallProgress progress, StreamState state, RetryLoop retryLoop,
			Retry.AsyncContext<Object> context, int resumes) {
		return connection.onErrorResume((error) -> {
			long wait;
			int resumed = resumes;
			if (state.elementsOnConnection() == 0) {
				// nothing delivered on this connection: it failed as a call would, and retries as one
				wait = (context != null) ? retryLoop.onError(error, progress, context) : -1;
			}
			else if (resumable(error, state, resumes)) {
				Duration retry = (state.serverRetry() != null) ? state.serverRetry()
						: this.runtime.settings().retry().waitDuration();
				wait = retry.toMillis();
				resumed++;
			}
			else {
				return Flux.error(error);
			}
			if (wait < 0) {
				return Flux.error(error);
			}
			Flux<T> next = reconnecting(connection, progress, state, retryLoop, context, resumed);
			return (wait == 0) ? next : Mono.delay(Duration.ofMillis(wait), this.runtime.timer()).thenMany(next);
		});
	}

	private boolean resumable(Throwable error, StreamState state, int resumes) {
		return this.runtime.settings().stream().resume() && state.lastEventId() != null
				&& error instanceof ConnectorException failure && failure.kind() == FailureKind.TRANSPORT
				&& resumes + 1 < this.runtime.settings().retry().maxAttempts();
	}

	/**
	 * Open one connection and read its elements.
	 */
	private Flux<T> connect(CallProgress progress, StreamState state, Duration timeout, Duration idle) {
		state.connecting();
		Attempt attempt = new Attempt(progress.startAttempt());
		attempt.observedBy(state.observation(), state.context());
		ConnectorRequest sent = (state.lastEventId() != null)
				? this.request.toBuilder().header(LAST_EVENT_ID, state.lastEventId()).build() : this.request;
		// the first connection has the call's deadline for its headers; a resumed one its own
		long now = this.runtime.timer().now(TimeUnit.NANOSECONDS);
		long remaining = (state.elements() == 0) ? progress.deadline() - now : timeout.toNanos();
		Mono<ConnectorResponse> opened = (this.exchange != null)
				? Mono.defer(() -> this.exchange.exchange(attempt, progress))
				: Mono.defer(() -> this.steps.exchange(sent, attempt, progress,
						(request) -> this.runtime.exchange().open(request, attempt, progress)));
		Mono<ConnectorResponse> headers = this.steps.guard(opened, progress)
			.timeout(Duration.ofNanos(Math.max(remaining, 1)), this.runtime.timer())
			.onErrorMap(TimeoutException.class, (ex) -> this.runtime.translator()
				.callTimeout(timeout, this.request.method(), this.steps.uri(progress), progress.attempts(), ex))
			.doOnEach(this.runtime.health()::record);
		return headers.flatMapMany((response) -> {
			if (state.context() != null) {
				state.context().setResponse(response);
			}
			Flux<T> elements = attempt.messages() ? this.runtime.decoder()
				.decodeMessages(response, (attempt.streamedBody() != null) ? attempt.streamedBody()
						: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(response.bodyAsByteBuffer())),
						this.type, this.request.method())
					: elements(response, attempt, state);
			return elements
				.timeout(Mono.delay(idle, this.runtime.timer()), (element) -> Mono.delay(idle, this.runtime.timer()))
				.onErrorMap(TimeoutException.class,
						(ex) -> limit(progress, "No stream element within the stream.idle-timeout of ", idle))
				.doOnNext((element) -> state.delivered(this.runtime.timer().now(TimeUnit.NANOSECONDS)));
		}).onErrorMap((error) -> this.steps.translate(error, progress));
	}

	/**
	 * Decode the body; an event stream is read as events whatever was asked for, so that
	 * their ids and retry delays are known for resume.
	 */
	@SuppressWarnings("unchecked")
	private Flux<T> elements(ConnectorResponse response, Attempt attempt, StreamState state) {
		if (attempt.streamedElements() != null) {
			// already decoded, by the exchange that opened the stream
			return (Flux<T>) attempt.streamedElements();
		}
		Flux<DataBuffer> body = (attempt.streamedBody() != null) ? attempt.streamedBody()
				: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(response.bodyAsByteBuffer()));
		StreamDecoder decoder = this.runtime.streamDecoder();
		if (!isEventStream(response)) {
			return decoder.decode(response, body, this.type, this.request.method());
		}
		boolean wantsEvents = this.type.toClass() == ServerSentEvent.class;
		ResolvableType events = wantsEvents ? this.type
				: ResolvableType.forClassWithGenerics(ServerSentEvent.class, this.type);
		Flux<ServerSentEvent<?>> decoded = decoder.decode(response, body, events, this.request.method());
		Flux<ServerSentEvent<?>> tracked = decoded.doOnNext((event) -> state.event(event.id(), event.retry()));
		return wantsEvents ? (Flux<T>) tracked
				: tracked.filter((event) -> event.data() != null).map((event) -> (T) event.data());
	}

	private static boolean isEventStream(ConnectorResponse response) {
		try {
			return MediaType.TEXT_EVENT_STREAM.isCompatibleWith(response.headers().getContentType());
		}
		catch (RuntimeException ex) {
			// an unreadable Content-Type: the decoder says so
			return false;
		}
	}

	private ConnectorException limit(CallProgress progress, String reason, Duration limit) {
		return ConnectorException.builder(this.runtime.name())
			.method(this.request.method())
			.uri(this.runtime.translator().redact(this.steps.uri(progress)))
			.attempts(progress.attempts())
			.timeout(reason + Durations.format(limit), limit);
	}

}
