package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ResponseException;
import dev.connector.resilience.ClientResilience;
import io.micrometer.observation.Observation;
import reactor.core.publisher.Mono;

/**
 * One call of a client, as a pipeline built per subscription. It only orchestrates: the
 * interceptor chain ({@link RealInterceptorChain}) ends in the {@link TransportExchange};
 * the {@link FailureTranslator} names what went wrong; the client's Resilience4j guards
 * limit and admit each attempt; the {@link RetryLoop} repeats attempts as the
 * {@link RetryPolicy} allows; the overall deadline runs on the client's timer; and
 * {@link CallObservations} observes the call and its attempts.
 * <p>
 * A probe is a call outside the client's bookkeeping: one attempt, with the deadline and
 * the same errors, but no retry, guard, observation or health tracking.
 */
final class RealCall {

	private final ClientRuntime runtime;

	private final ConnectorRequest request;

	private final boolean probe;

	RealCall(ClientRuntime runtime, ConnectorRequest request, boolean probe) {
		this.runtime = runtime;
		this.request = request;
		this.probe = probe;
	}

	Mono<ConnectorResponse> execute() {
		if (this.runtime.connection().isClosed()) {
			return Mono.error(this.runtime.translator()
				.closed(this.request.method(), this.runtime.uris().resolveOrNull(this.request)));
		}
		Duration timeout = (this.request.timeout() != null) ? this.request.timeout()
				: this.runtime.settings().timeout();
		CallProgress progress = new CallProgress(this.request,
				this.runtime.timer().now(TimeUnit.NANOSECONDS) + timeout.toNanos());
		Mono<ConnectorResponse> attempt = Mono.defer(() -> attempt(progress));
		RetryLoop retryLoop = this.runtime.retryLoop();
		Mono<ConnectorResponse> call = (this.probe || retryLoop == null || Boolean.FALSE.equals(this.request.retry()))
				? attempt : retryLoop.retry(attempt, progress);
		call = call.timeout(timeout, this.runtime.timer())
			.onErrorMap((error) -> (error instanceof TimeoutException)
					? this.runtime.translator()
						.callTimeout(timeout, this.request.method(), uri(progress), progress.attempts(), error)
					: translate(error, progress));
		if (this.probe) {
			return call;
		}
		call = call.doOnEach(this.runtime.health()::record);
		CallObservations observations = this.runtime.observations();
		return (observations != null) ? observations.observeCall(call, progress) : call;
	}

	/**
	 * Build one attempt; subscribed once per attempt.
	 */
	private Mono<ConnectorResponse> attempt(CallProgress progress) {
		Attempt attempt = new Attempt(progress.startAttempt());
		Mono<ConnectorResponse> exchange = Mono.defer(() -> exchange(attempt, progress));
		if (this.probe) {
			return exchange.onErrorMap((error) -> translate(error, progress));
		}
		ClientResilience resilience = this.runtime.resilience();
		Mono<ConnectorResponse> guarded = resilience.limitAttempt(exchange)
			.onErrorMap((error) -> translate(error, progress));
		if (resilience.admits()) {
			// the circuit breaker sees connector exceptions; its own rejection is translated after it
			guarded = resilience.admitAttempt(guarded).onErrorMap((error) -> translate(error, progress));
		}
		CallObservations observations = this.runtime.observations();
		return (observations != null) ? observations.observeAttempt(guarded, attempt, progress) : guarded;
	}

	/**
	 * Run the interceptor chain, in the attempt's observation scope so that interceptors'
	 * log lines carry its trace ids, and turn an error status into its exception. Called
	 * on subscription, so an interceptor that throws fails the attempt.
	 */
	private Mono<ConnectorResponse> exchange(Attempt attempt, CallProgress progress) {
		Mono<ConnectorResponse> response;
		Observation observation = attempt.observation();
		try (Observation.Scope scope = (observation != null) ? GuardedObservations.openScope(observation)
				: Observation.Scope.NOOP) {
			response = new RealInterceptorChain(this.runtime.name(), this.runtime.interceptors(), 0,
					(sent) -> this.runtime.exchange().send(sent, attempt, progress))
				.proceed(this.request);
		}
		catch (RuntimeException ex) {
			response = Mono.error(ex);
		}
		return this.runtime.connection().whenConnected(response).handle((received, sink) -> {
			ResponseException error = this.runtime.translator()
				.fromStatus(received, this.request.method(), uri(progress), attempt.number());
			if (error != null) {
				sink.error(error);
			}
			else {
				sink.next(received);
			}
		});
	}

	private Throwable translate(Throwable error, CallProgress progress) {
		return this.runtime.translator().translate(error, this.request.method(), uri(progress), progress.attempts());
	}

	private java.net.URI uri(CallProgress progress) {
		java.net.URI uri = progress.uri();
		return (uri != null) ? uri : this.runtime.uris().resolveOrNull(this.request);
	}

}
