package dev.connector.transport;

import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * Moves one client's requests to the upstream system and its responses back. A transport
 * serves many concurrent calls: whatever belongs to one call lives in that call's publisher,
 * never in a field.
 * <p>
 * The {@code Connector} calls {@link #connect()} before the first request, sends any number
 * of requests with {@link #send(TransportRequest)}, and calls {@link #disconnect()} once when
 * it closes.
 *
 * @since 0.1.0
 * @see TransportFactory
 */
public interface Transport {

	/**
	 * Prepare the transport for its first request. Called lazily, at most once per
	 * successful connect; a failed connect is tried again on the next request.
	 * @return a publisher that completes when the transport is ready
	 */
	default Mono<Void> connect() {
		return Mono.empty();
	}

	/**
	 * Send a request. Nothing happens until the returned publisher is subscribed, and every
	 * subscription sends the request again. The response is emitted once its status and
	 * headers have arrived; its body chunks follow through
	 * {@link TransportResponse#body()}, which the caller must consume or cancel.
	 * <p>
	 * Responses of every status are emitted as responses; only failures to exchange at all
	 * (refused, reset, timed out) are errors.
	 * @param request the request, with its URI already resolved
	 * @return a publisher of the response
	 */
	Mono<TransportResponse> send(TransportRequest request);

	/**
	 * Return a read-only view of the transport's connection pool, for metrics and the
	 * actuator endpoint.
	 * @return the pool's view, or empty when the transport keeps no pool
	 * @since 0.1.0
	 */
	default Optional<ConnectionPoolView> pool() {
		return Optional.empty();
	}

	/**
	 * Release the transport's resources now: calls still in flight fail. The connector
	 * calls it once, after it stopped taking calls and gave those in flight their grace
	 * period.
	 * @return a publisher that completes when the transport is closed
	 */
	default Mono<Void> disconnect() {
		return Mono.empty();
	}

}
