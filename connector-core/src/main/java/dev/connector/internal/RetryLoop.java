package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.resilience.RetryDeclined;
import io.github.resilience4j.retry.Retry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Repeats a call's attempt while the {@link RetryPolicy} allows and the client's
 * Resilience4j retry instance has attempts left, waiting between attempts as the instance
 * says, on the client's scheduler.
 * <p>
 * The loop drives the instance's own {@link Retry.AsyncContext}, so its configuration,
 * waits, events and metrics are Resilience4j's, as with {@code RetryOperator}; it differs in
 * cost only: a call that succeeds at once pays for two light operators instead of
 * {@code retryWhen}'s companion publisher, which the benchmark showed on every call.
 */
final class RetryLoop {

	private final Retry retry;

	private final RetryPolicy policy;

	private final Scheduler timer;

	RetryLoop(Retry retry, RetryPolicy policy, Scheduler timer) {
		this.retry = retry;
		this.policy = policy;
		this.timer = timer;
	}

	/**
	 * Retry an attempt that is built anew on each subscription.
	 * @param attempt the attempt, failing with connector exceptions
	 * @param progress the call's progress
	 * @return the call
	 */
	Mono<ConnectorResponse> retry(Mono<ConnectorResponse> attempt, CallProgress progress) {
		return Mono.defer(() -> {
			Retry.AsyncContext<ConnectorResponse> context = this.retry.asyncContext();
			return loop(attempt, progress, context).doOnSuccess((response) -> context.onComplete());
		});
	}

	private <T> Mono<T> loop(Mono<T> attempt, CallProgress progress, Retry.AsyncContext<?> context) {
		return attempt.onErrorResume((error) -> {
			long wait = onError(error, progress, context);
			if (wait < 0) {
				return Mono.error(error);
			}
			Mono<T> next = loop(attempt, progress, context);
			return (wait == 0) ? next : Mono.delay(Duration.ofMillis(wait), this.timer).then(next);
		});
	}

	/**
	 * Return a new context of the client's retry instance, which counts one call's
	 * attempts and says how long to wait between them.
	 */
	Retry.AsyncContext<Object> context() {
		return this.retry.asyncContext();
	}

	/**
	 * Decide whether a failed attempt may be followed by another, and tell the retry
	 * context either way.
	 * @return how long to wait before the next attempt, or a negative number for none
	 */
	long onError(Throwable error, CallProgress progress, Retry.AsyncContext<?> context) {
		return context.onError(decide(error, progress) ? error : new RetryDeclined(error));
	}

	private boolean decide(Throwable error, CallProgress progress) {
		if (!(error instanceof ConnectorException failure)) {
			return false;
		}
		if (progress.messagesExchanged()) {
			// a message-oriented exchange retries its handshake only: its messages may have been acted on
			return false;
		}
		long remaining = progress.deadline() - this.timer.now(TimeUnit.NANOSECONDS);
		return this.policy.decide(failure, progress.request(), progress.attempts(), remaining).retry();
	}

}
