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
import dev.connector.config.Durations;
import dev.connector.transport.UriResolver;
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

	private BatchExecution() {
	}

	/**
	 * Run a batch and collect its results in input order.
	 * @param connector the client
	 * @param requests the requests
	 * @param options how the batch runs
	 * @param timer the clock of the batch's deadline
	 * @return one result per request
	 */
	public static Mono<List<BatchResult<ConnectorResponse>>> list(Connector connector, List<ConnectorRequest> requests,
			BatchOptions options, Scheduler timer) {
		return collect(listed(connector, requests, options, timer), requests.size());
	}

	/**
	 * Run a batch of listed requests as a stream of results in completion order, the
	 * cheapest, for {@link #collect(Flux, int)}.
	 * @param connector the client
	 * @param requests the requests
	 * @param options how the batch runs
	 * @param timer the clock of the batch's deadline
	 * @return one result per request
	 * @throws IllegalArgumentException if a request is {@code null}
	 */
	public static Flux<BatchResult<ConnectorResponse>> listed(Connector connector, List<ConnectorRequest> requests,
			BatchOptions options, Scheduler timer) {
		Objects.requireNonNull(requests, "requests must not be null");
		for (int i = 0; i < requests.size(); i++) {
			if (requests.get(i) == null) {
				throw new IllegalArgumentException("requests[" + i + "] is null; a batch needs a request per entry");
			}
		}
		return stream(connector, Flux.fromIterable(requests), options.toBuilder().ordered(false).build(), timer);
	}

	/**
	 * Collect results, each into its input slot.
	 * @param results the results, in any order
	 * @param size how many requests there were
	 * @return the results in input order
	 */
	public static Mono<List<BatchResult<ConnectorResponse>>> collect(Flux<BatchResult<ConnectorResponse>> results,
			int size) {
		return results.collect(() -> new Object[size], (slots, result) -> slots[(int) result.index()] = result)
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
	 * @return one result per request
	 */
	public static Flux<BatchResult<ConnectorResponse>> stream(Connector connector, Flux<ConnectorRequest> requests,
			BatchOptions options, Scheduler timer) {
		return stream(connector, requests, options, concurrency(connector, options), timer);
	}

	private static int concurrency(Connector connector, BatchOptions options) {
		return (options.maxConcurrency() != null) ? options.maxConcurrency()
				: connector.settings().batch().maxConcurrency();
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
