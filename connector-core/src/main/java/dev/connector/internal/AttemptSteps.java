package dev.connector.internal;

import java.net.URI;
import java.util.function.Function;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.FailureKind;
import dev.connector.ResponseException;
import dev.connector.resilience.ClientResilience;
import io.micrometer.observation.Observation;
import reactor.core.publisher.Mono;

/**
 * The steps every attempt of a call or a stream takes, whatever it does with the response:
 * run the interceptor chain to a terminal exchange, in the attempt's observation scope; turn
 * an error status into its exception; pass the client's guards; name failures.
 */
final class AttemptSteps {

	private final ClientRuntime runtime;

	AttemptSteps(ClientRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Run the interceptor chain, in the attempt's observation scope so that interceptors'
	 * log lines carry its trace ids, once the transport is connected, and turn an error
	 * status into its exception. Called on subscription, so an interceptor that throws
	 * fails the attempt.
	 * @param request the request the chain starts with
	 * @param attempt the attempt
	 * @param progress the call's progress
	 * @param exchange the end of the chain
	 * @return the response, or the exception of its status
	 */
	Mono<ConnectorResponse> exchange(ConnectorRequest request, Attempt attempt, CallProgress progress,
			Function<ConnectorRequest, Mono<ConnectorResponse>> exchange) {
		Mono<ConnectorResponse> response;
		Observation observation = attempt.observation();
		try (Observation.Scope scope = (observation != null) ? GuardedObservations.openScope(observation)
				: Observation.Scope.NOOP) {
			response = new RealInterceptorChain(this.runtime.name(), this.runtime.interceptors(), 0, exchange)
				.proceed(request);
		}
		catch (RuntimeException ex) {
			response = Mono.error(ex);
		}
		return this.runtime.connection().whenConnected(response).handle((received, sink) -> {
			ResponseException error = this.runtime.translator()
				.fromStatus(received, request.method(), uri(progress), attempt.number());
			if (error != null) {
				sink.error(error);
			}
			else {
				sink.next(received);
			}
		});
	}

	/**
	 * Pass an attempt through the client's bulkhead and time limiter, then its rate
	 * limiter and circuit breaker, which see connector exceptions and whose own refusals
	 * are translated after them.
	 */
	Mono<ConnectorResponse> guard(Mono<ConnectorResponse> attempt, CallProgress progress) {
		ClientResilience resilience = this.runtime.resilience();
		Mono<ConnectorResponse> guarded = resilience.limitAttempt(attempt)
			.onErrorMap((error) -> translate(error, progress));
		return resilience.admits() ? resilience.admitAttempt(guarded).onErrorMap((error) -> translate(error, progress))
				: guarded;
	}

	/**
	 * Name any failure of the call as a connector exception.
	 */
	Throwable translate(Throwable error, CallProgress progress) {
		return this.runtime.translator()
			.translate(error, progress.request().method(), uri(progress), progress.attempts());
	}

	/**
	 * Name how a call ended in failure: as {@link #translate}, except that a transport
	 * failure of a closed client is the client cutting off a call its shutdown did not wait
	 * for any longer.
	 */
	Throwable settle(Throwable error, CallProgress progress) {
		Throwable translated = translate(error, progress);
		if (this.runtime.connection().isClosed() && translated instanceof ConnectorException failure
				&& failure.kind() == FailureKind.TRANSPORT) {
			return this.runtime.translator()
				.shutDown(progress.request().method(), uri(progress), progress.attempts(), failure);
		}
		return translated;
	}

	/**
	 * Return the URI the call last sent to, or the one it would send to.
	 */
	URI uri(CallProgress progress) {
		URI uri = progress.uri();
		return (uri != null) ? uri : this.runtime.uris().resolveOrNull(progress.request());
	}

}
