package dev.connector.batch;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.internal.Durations;
import dev.connector.internal.GuardedObservations;
import dev.connector.internal.UriResolver;
import dev.connector.observation.ConnectorBatchObservationContext;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationDocumentation;
import dev.connector.observation.DefaultConnectorBatchObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.function.Tuple2;

/**
 * Runs a batch on Reactor: bounded fan-out with {@code flatMap}, one result per request, an
 * overall deadline computed once per subscription and enforced per call on the client's
 * timer, and cancellation that reaches every call in flight.
 * <p>
 * <strong>Not API</strong>: the engine behind {@link Connector#batch}; public only for the
 * connector's own packages.
 *
 * @since 0.1.0
 */
public final class BatchExecution {

	private static final DefaultConnectorBatchObservationConvention DEFAULT_BATCH_CONVENTION = new DefaultConnectorBatchObservationConvention();

	private BatchExecution() {
	}

	/**
	 * Run a batch and collect its results in input order.
	 * @param connector the client
	 * @param requests the requests
	 * @param options how the batch runs
	 * @param timer the clock of the batch's deadline
	 * @param registry observes the batch, or {@code null}
	 * @param convention names its observation, or {@code null} for the default
	 * @return one result per request
	 */
	public static Mono<List<BatchResult<ConnectorResponse>>> list(Connector connector, List<ConnectorRequest> requests,
			BatchOptions options, Scheduler timer, ObservationRegistry registry,
			ConnectorBatchObservationConvention convention) {
		Objects.requireNonNull(requests, "requests must not be null");
		for (int i = 0; i < requests.size(); i++) {
			if (requests.get(i) == null) {
				throw new IllegalArgumentException("requests[" + i + "] is null; a batch needs a request per entry");
			}
		}
		int size = requests.size();
		// completion order is cheapest; each result goes to its input slot
		return stream(connector, Flux.fromIterable(requests), options.toBuilder().ordered(false).build(), timer,
				registry, convention)
			.collect(() -> new Object[size], (slots, result) -> slots[(int) result.index()] = result)
			.map(BatchExecution::toList);
	}

	@SuppressWarnings("unchecked")
	private static List<BatchResult<ConnectorResponse>> toList(Object[] slots) {
		return (List<BatchResult<ConnectorResponse>>) (List<?>) Arrays.asList(slots);
	}

	/**
	 * Run a batch as a stream of results.
	 * @param connector the client
	 * @param requests the requests
	 * @param options how the batch runs
	 * @param timer the clock of the batch's deadline
	 * @param registry observes the batch, or {@code null}
	 * @param convention names its observation, or {@code null} for the default
	 * @return one result per request
	 */
	public static Flux<BatchResult<ConnectorResponse>> stream(Connector connector, Flux<ConnectorRequest> requests,
			BatchOptions options, Scheduler timer, ObservationRegistry registry,
			ConnectorBatchObservationConvention convention) {
		Flux<BatchResult<ConnectorResponse>> results = stream(connector, requests, options,
				concurrency(connector, options), timer);
		return (registry != null) ? observe(connector, results, options, registry, convention) : results;
	}

	private static int concurrency(Connector connector, BatchOptions options) {
		return (options.maxConcurrency() != null) ? options.maxConcurrency()
				: connector.settings().batch().maxConcurrency();
	}

	/**
	 * Observe the batch as {@code connector.batch}, the parent of each of its calls.
	 */
	private static Flux<BatchResult<ConnectorResponse>> observe(Connector connector,
			Flux<BatchResult<ConnectorResponse>> results, BatchOptions options, ObservationRegistry registry,
			ConnectorBatchObservationConvention convention) {
		return Flux.deferContextual((reactorContext) -> {
			ConnectorBatchObservationContext context = new ConnectorBatchObservationContext(connector.name(),
					options.failFast());
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			Observation observation = GuardedObservations.start(ConnectorObservationDocumentation.BATCH
				.observation(convention, DEFAULT_BATCH_CONVENTION, () -> context, registry)
				.parentObservation((parent != null) ? parent : registry.getCurrentObservation()));
			return results.doOnNext((result) -> context.recordResult(result.isSuccess()))
				.doOnComplete(() -> GuardedObservations.stop(observation, null))
				.doOnError((error) -> GuardedObservations.stop(observation, error))
				.doOnCancel(() -> {
					context.setCancelled();
					GuardedObservations.stop(observation, null);
				})
				.contextWrite((written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static Flux<BatchResult<ConnectorResponse>> stream(Connector connector, Flux<ConnectorRequest> requests,
			BatchOptions options, int concurrency, Scheduler timer) {
		Objects.requireNonNull(requests, "requests must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return Flux.defer(() -> {
			long deadline = (options.timeout() != null)
					? timer.now(TimeUnit.NANOSECONDS) + options.timeout().toNanos() : 0;
			Function<Tuple2<Long, ConnectorRequest>, Mono<BatchResult<ConnectorResponse>>> call = (indexed) -> call(
					connector, indexed.getT1(), indexed.getT2(), options, deadline, timer);
			Flux<Tuple2<Long, ConnectorRequest>> indexed = requests.index();
			return options.ordered() ? indexed.flatMapSequential(call, concurrency, 1)
					: indexed.flatMap(call, concurrency, 1);
		});
	}

	private static Mono<BatchResult<ConnectorResponse>> call(Connector connector, long index,
			ConnectorRequest request, BatchOptions options, long deadline, Scheduler timer) {
		return Mono.defer(() -> {
			ConnectorRequest effective = withDefaults(request, options);
			Mono<ConnectorResponse> response;
			if (deadline == 0) {
				response = connector.request(effective);
			}
			else {
				long remaining = deadline - timer.now(TimeUnit.NANOSECONDS);
				response = (remaining <= 0) ? Mono.error(batchTimeout(connector, effective, options))
						: connector.request(effective)
							.timeout(Duration.ofNanos(remaining),
									Mono.error(() -> batchTimeout(connector, effective, options)), timer);
			}
			Mono<BatchResult<ConnectorResponse>> result = response
				.map((value) -> BatchResult.success(index, request, value));
			return options.failFast() ? result : result.onErrorResume(ConnectorException.class,
					(error) -> Mono.just(BatchResult.failure(index, request, error)));
		});
	}

	private static ConnectorRequest withDefaults(ConnectorRequest request, BatchOptions options) {
		if (request.timeout() == null && options.requestTimeout() != null) {
			return request.toBuilder().timeout(options.requestTimeout()).build();
		}
		return request;
	}

	private static ConnectorTimeoutException batchTimeout(Connector connector, ConnectorRequest request,
			BatchOptions options) {
		// only on this failure path: the same resolution, path encoding included, as a call's
		URI uri = new UriResolver(connector.settings().baseUrl()).resolveOrNull(request);
		return ConnectorException.builder(connector.name())
			.method(request.method())
			.uri(uri)
			.timeout("Batch deadline of " + Durations.format(options.timeout()) + " passed before this call completed",
					options.timeout());
	}

}
