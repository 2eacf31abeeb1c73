package dev.connector.internal;

import java.net.URI;

import dev.connector.ConnectorResponse;
import dev.connector.observation.ConnectorObservationContext;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.observation.ConnectorObservationDocumentation;
import dev.connector.observation.DefaultConnectorAttemptObservationConvention;
import dev.connector.observation.DefaultConnectorObservationConvention;
import dev.connector.observation.DefaultConnectorStreamObservationConvention;
import dev.connector.transport.UriResolver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Observes one client's calls as {@code connector.request}, as children of the caller's
 * current observation (a batch's, or the application's), and each attempt as
 * {@code connector.request.attempt}, a child of its call. Handlers that fail are logged
 * and never fail a call ({@link GuardedObservations}).
 */
final class CallObservations {

	private static final DefaultConnectorObservationConvention DEFAULT_CALL_CONVENTION = new DefaultConnectorObservationConvention();

	private static final DefaultConnectorAttemptObservationConvention DEFAULT_ATTEMPT_CONVENTION = new DefaultConnectorAttemptObservationConvention();

	private static final DefaultConnectorStreamObservationConvention DEFAULT_STREAM_CONVENTION = new DefaultConnectorStreamObservationConvention();

	/** The name of the event on a call whose first attempt failed. */
	static final String FIRST_ATTEMPT_FAILED = "connector.attempt.failed";

	private final ObservationRegistry registry;

	private final ConnectorObservationConvention convention;

	private final String clientName;

	private final String transport;

	private final UriResolver uris;

	private final UriRedactor redactor;

	CallObservations(ObservationRegistry registry, ConnectorObservationConvention convention, String clientName,
			String transport, UriResolver uris, UriRedactor redactor) {
		this.registry = registry;
		this.convention = convention;
		this.clientName = clientName;
		this.transport = transport;
		this.uris = uris;
		this.redactor = redactor;
	}

	/**
	 * Observe a whole call, retries and waits included, and make it the parent of its
	 * attempts.
	 */
	Mono<ConnectorResponse> observeCall(Mono<ConnectorResponse> call, CallProgress progress) {
		return Mono.deferContextual((reactorContext) -> {
			ConnectorObservationContext context = new ConnectorObservationContext(
					ConnectorObservationContext.Type.CALL, this.clientName, this.transport, progress.request());
			Observation observation = GuardedObservations.start(ConnectorObservationDocumentation.CALL
				.observation(this.convention, DEFAULT_CALL_CONVENTION, () -> context, this.registry)
				.parentObservation(parent(reactorContext)));
			progress.observedBy(observation, context);
			return observed(call, observation, context, progress, null)
				.contextWrite((written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * Observe one attempt; its context becomes the carrier of the trace propagation headers
	 * the attempt sends, and its observation the scope its interceptors run in. The first
	 * attempt of an observed call is carried by the call's own observation, so that a call
	 * answered at once costs one observation: only a retry gets an observation of its own,
	 * a child of the call. A failed first attempt is an event on the call.
	 */
	Mono<ConnectorResponse> observeAttempt(Mono<ConnectorResponse> attempt, Attempt state, CallProgress progress) {
		Observation call = progress.observation();
		if (state.number() == 1 && call != null) {
			state.observedBy(call, progress.context());
			return attempt.doOnError((error) -> GuardedObservations.event(call,
					Observation.Event.of(FIRST_ATTEMPT_FAILED, "attempt 1 failed: " + error.getClass().getSimpleName())));
		}
		return Mono.deferContextual((reactorContext) -> {
			ConnectorObservationContext context = new ConnectorObservationContext(
					ConnectorObservationContext.Type.ATTEMPT, this.clientName, this.transport, progress.request());
			context.setAttempt(state.number());
			Observation observation = GuardedObservations.start(ConnectorObservationDocumentation.ATTEMPT
				.observation(null, DEFAULT_ATTEMPT_CONVENTION, () -> context, this.registry)
				.parentObservation(parent(reactorContext)));
			state.observedBy(observation, context);
			return observed(attempt, observation, context, progress, state)
				.contextWrite((written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * Observe a stream from subscription to completion, error or cancellation; its
	 * context carries the trace headers each of its connections sends.
	 */
	<T> Flux<T> observeStream(Flux<T> stream, CallProgress progress, StreamState state) {
		return Flux.deferContextual((reactorContext) -> {
			ConnectorObservationContext context = new ConnectorObservationContext(
					ConnectorObservationContext.Type.STREAM, this.clientName, this.transport, progress.request());
			Observation observation = GuardedObservations.start(ConnectorObservationDocumentation.STREAM
				.observation(null, DEFAULT_STREAM_CONVENTION, () -> context, this.registry)
				.parentObservation(parent(reactorContext)));
			state.observedBy(observation, context);
			return stream.doOnComplete(() -> finishStream(observation, context, progress, state, null))
				.doOnError((error) -> finishStream(observation, context, progress, state, error))
				.doOnCancel(() -> {
					context.setCancelled();
					finishStream(observation, context, progress, state, null);
				})
				.contextWrite((written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private void finishStream(Observation observation, ConnectorObservationContext context, CallProgress progress,
			StreamState state, Throwable error) {
		context.setElements(state.elements());
		context.setTimeToFirstElement(state.timeToFirstElement());
		finish(observation, context, progress, null, error);
	}

	private Observation parent(ContextView reactorContext) {
		Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		return (parent != null) ? parent : this.registry.getCurrentObservation();
	}

	private Mono<ConnectorResponse> observed(Mono<ConnectorResponse> publisher, Observation observation,
			ConnectorObservationContext context, CallProgress progress, Attempt attempt) {
		return publisher.doOnEach((signal) -> {
			if (signal.isOnNext()) {
				context.setResponse(signal.get());
				finish(observation, context, progress, attempt, null);
			}
			else if (signal.isOnError()) {
				finish(observation, context, progress, attempt, signal.getThrowable());
			}
		}).doOnCancel(() -> {
			context.setCancelled();
			finish(observation, context, progress, attempt, null);
		});
	}

	private void finish(Observation observation, ConnectorObservationContext context, CallProgress progress,
			Attempt attempt, Throwable error) {
		if (context.getUri() == null) {
			context.setUri(this.redactor.redact(uri(progress)));
		}
		if (attempt == null) {
			context.setAttempt(progress.attempts());
		}
		GuardedObservations.stop(observation, error);
	}

	private URI uri(CallProgress progress) {
		URI uri = progress.uri();
		return (uri != null) ? uri : this.uris.resolveOrNull(progress.request());
	}

}
