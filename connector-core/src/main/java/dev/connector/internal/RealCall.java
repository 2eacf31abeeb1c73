package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import reactor.core.publisher.Mono;

/**
 * One call of a client, as a pipeline built per subscription. It only orchestrates: each
 * attempt takes the {@link AttemptSteps} (the interceptor chain ending in the
 * {@link TransportExchange}, the status check, the client's Resilience4j guards); the
 * {@link RetryLoop} repeats attempts as the {@link RetryPolicy} allows; the overall
 * deadline runs on the client's timer; the {@link FailureTranslator} names what went wrong;
 * and {@link CallObservations} observes the call and its attempts.
 * <p>
 * A probe is a call outside the client's bookkeeping: one attempt, with the deadline and
 * the same errors, but no retry, guard, observation or health tracking.
 */
final class RealCall {

	private final ClientRuntime runtime;

	private final ConnectorRequest request;

	private final boolean probe;

	private final AttemptSteps steps;

	private final Terminal terminal;

	private final AttemptExchange exchange;

	RealCall(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request, boolean probe) {
		this(runtime, steps, request, probe, runtime.exchange()::send);
	}

	/**
	 * Create a call whose attempts end in the given exchange instead of sending the request
	 * and reading the whole response, such as a session's handshake.
	 */
	RealCall(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request, boolean probe, Terminal terminal) {
		this(runtime, steps, request, probe, terminal, null);
	}

	/**
	 * Create a call whose attempts end in the given exchange rather than in the interceptor
	 * chain and the transport, such as a vendor SDK's call.
	 */
	RealCall(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request, boolean probe,
			AttemptExchange exchange) {
		this(runtime, steps, request, probe, null, exchange);
	}

	private RealCall(ClientRuntime runtime, AttemptSteps steps, ConnectorRequest request, boolean probe,
			Terminal terminal, AttemptExchange exchange) {
		this.runtime = runtime;
		this.request = request;
		this.probe = probe;
		this.steps = steps;
		this.terminal = terminal;
		this.exchange = exchange;
	}

	Mono<ConnectorResponse> execute() {
		TransportConnection connection = this.runtime.connection();
		if (!connection.enter()) {
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
						.callTimeout(timeout, this.request.method(), this.steps.uri(progress), progress.attempts(), error)
					: this.steps.settle(error, progress));
		if (this.probe) {
			return call.doFinally((signal) -> connection.exit());
		}
		call = call.doOnEach(this.runtime.health()::record);
		CallObservations observations = this.runtime.observations();
		call = (observations != null) ? observations.observeCall(call, progress) : call;
		return call.doFinally((signal) -> connection.exit());
	}

	/**
	 * Build one attempt; subscribed once per attempt.
	 */
	private Mono<ConnectorResponse> attempt(CallProgress progress) {
		Attempt attempt = new Attempt(progress.startAttempt());
		Mono<ConnectorResponse> exchange = (this.exchange != null)
				? Mono.defer(() -> this.exchange.exchange(attempt, progress))
				: Mono.defer(() -> this.steps.exchange(this.request, attempt, progress,
						(sent) -> this.terminal.exchange(sent, attempt, progress)));
		if (this.probe) {
			return exchange.onErrorMap((error) -> this.steps.translate(error, progress));
		}
		Mono<ConnectorResponse> guarded = this.steps.guard(exchange, progress);
		CallObservations observations = this.runtime.observations();
		return (observations != null) ? observations.observeAttempt(guarded, attempt, progress) : guarded;
	}

	/**
	 * The end of each attempt's interceptor chain.
	 */
	@FunctionalInterface
	interface Terminal {

		Mono<ConnectorResponse> exchange(ConnectorRequest request, Attempt attempt, CallProgress progress);

	}

}
