package dev.connector.resilience;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.connector.ConfigurationException;
import dev.connector.ConnectorException;
import dev.connector.ConnectorTimeoutException;
import dev.connector.RateLimitedException;
import dev.connector.ServerErrorException;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.Registry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import reactor.core.publisher.Mono;

/**
 * One client's Resilience4j instances, mapped from its settings once, when the client is
 * built, and registered in the application's registries under the client's name. The
 * connector applies them around every call in one place:
 * {@code Retry(CircuitBreaker(RateLimiter(TimeLimiter(Bulkhead(attempt)))))}, the order
 * Resilience4j's own Spring integration uses.
 * <p>
 * What is retried is decided per call, by the connector, and recorded on the failure
 * ({@link ConnectorException#isRetryable()}); the retry instance's predicate reads only
 * that. Its waits are exponential with jitter, except after a 429 whose
 * {@code Retry-After} the client respects.
 * <p>
 * The instances are reachable through the registries, by the client's name; the rest of the
 * API does not depend on Resilience4j types.
 *
 * @since 0.1.0
 */
public final class ClientResilience {

	private final Retry retry;

	private final TimeLimiter timeLimiter;

	private final CircuitBreaker circuitBreaker;

	private final Bulkhead bulkhead;

	private final RateLimiter rateLimiter;

	private ClientResilience(Retry retry, TimeLimiter timeLimiter, CircuitBreaker circuitBreaker, Bulkhead bulkhead,
			RateLimiter rateLimiter) {
		this.retry = retry;
		this.timeLimiter = timeLimiter;
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		this.rateLimiter = rateLimiter;
	}

	/**
	 * Create and register the instances a client's settings call for.
	 * @param settings the client's settings
	 * @param registries where to register them, and where referenced instances live
	 * @return the client's instances
	 * @throws ConfigurationException if a referenced instance does not exist or does not
	 * suit a reactive client
	 */
	public static ClientResilience create(ClientSettings settings, ResilienceRegistries registries) {
		return new ClientResilience(retry(settings, registries), timeLimiter(settings, registries),
				circuitBreaker(settings, registries), bulkhead(settings, registries),
				rateLimiter(settings, registries));
	}

	private static Retry retry(ClientSettings settings, ResilienceRegistries registries) {
		ClientSettings.RetrySettings retry = settings.retry();
		if (!retry.enabled()) {
			return null;
		}
		int maxAttempts;
		IntervalBiFunction<Object> backoff;
		if (retry.instance() != null) {
			RetryConfig base = referenced(registries.retries(), retry.instance(), Retry::getRetryConfig, settings,
					"retry", "resilience4j.retry");
			maxAttempts = base.getMaxAttempts();
			backoff = base.getIntervalBiFunction();
		}
		else {
			maxAttempts = retry.maxAttempts();
			IntervalFunction interval = (retry.jitter() > 0)
					? IntervalFunction.ofExponentialRandomBackoff(retry.waitDuration(), retry.multiplier(),
							retry.jitter(), retry.maxWaitDuration())
					: IntervalFunction.ofExponentialBackoff(retry.waitDuration(), retry.multiplier(),
							retry.maxWaitDuration());
			backoff = IntervalBiFunction.ofIntervalFunction(interval);
		}
		boolean respectRetryAfter = retry.respectRetryAfter();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.intervalBiFunction((attempt, outcome) -> {
				if (respectRetryAfter && outcome.isLeft()
						&& outcome.getLeft() instanceof RateLimitedException rateLimited
						&& rateLimited.getRetryAfter() != null) {
					return rateLimited.getRetryAfter().toMillis();
				}
				return backoff.apply(attempt, outcome);
			})
			.retryOnException((error) -> error instanceof ConnectorException failure && failure.isRetryable())
			.build();
		return register(registries.retries(), settings.name(), config, registries.retries()::retry);
	}

	private static TimeLimiter timeLimiter(ClientSettings settings, ResilienceRegistries registries) {
		Duration attemptTimeout = settings.attemptTimeout();
		if (attemptTimeout == null) {
			// no attempt deadline: only the call's overall deadline applies, never a hidden default
			return null;
		}
		TimeLimiterConfig config = TimeLimiterConfig.custom()
			.timeoutDuration(attemptTimeout)
			.cancelRunningFuture(true)
			.build();
		return register(registries.timeLimiters(), settings.name(), config, registries.timeLimiters()::timeLimiter);
	}

	private static CircuitBreaker circuitBreaker(ClientSettings settings, ResilienceRegistries registries) {
		ClientSettings.CircuitBreakerSettings circuitBreaker = settings.circuitBreaker();
		if (!circuitBreaker.enabled()) {
			return null;
		}
		CircuitBreakerConfig config;
		if (circuitBreaker.instance() != null) {
			config = referenced(registries.circuitBreakers(), circuitBreaker.instance(),
					CircuitBreaker::getCircuitBreakerConfig, settings, "circuit-breaker", "resilience4j.circuitbreaker");
		}
		else {
			config = CircuitBreakerConfig.custom()
				.slidingWindow(circuitBreaker.slidingWindowSize(), circuitBreaker.minimumNumberOfCalls(),
						SlidingWindowType.COUNT_BASED)
				.failureRateThreshold(circuitBreaker.failureRateThreshold())
				.waitDurationInOpenState(circuitBreaker.waitDurationInOpenState())
				.permittedNumberOfCallsInHalfOpenState(circuitBreaker.permittedNumberOfCallsInHalfOpenState())
				.recordException(ClientResilience::isUpstreamFailure)
				.build();
		}
		return register(registries.circuitBreakers(), settings.name(), config,
				registries.circuitBreakers()::circuitBreaker);
	}

	/**
	 * Whether a failure says the upstream is unwell, as opposed to the request being wrong
	 * (4xx), the body unreadable, or a guard refusing the call.
	 */
	private static boolean isUpstreamFailure(Throwable error) {
		return error instanceof TransportException || error instanceof ConnectorTimeoutException
				|| error instanceof ServerErrorException;
	}

	private static Bulkhead bulkhead(ClientSettings settings, ResilienceRegistries registries) {
		ClientSettings.BulkheadSettings bulkhead = settings.bulkhead();
		if (!bulkhead.enabled()) {
			return null;
		}
		BulkheadConfig config;
		if (bulkhead.instance() != null) {
			config = referenced(registries.bulkheads(), bulkhead.instance(), Bulkhead::getBulkheadConfig, settings,
					"bulkhead", "resilience4j.bulkhead");
			if (!config.getMaxWaitDuration().isZero()) {
				throw new ConfigurationException(settings.name(), "bulkhead.instance",
						"Resilience4j bulkhead '" + bulkhead.instance() + "' has max-wait-duration "
								+ config.getMaxWaitDuration() + ", and waiting for a slot would block a reactive thread",
						"Set resilience4j.bulkhead.instances." + bulkhead.instance()
								+ ".max-wait-duration to 0, or use bulkhead.max-concurrent-calls instead.");
			}
		}
		else {
			config = BulkheadConfig.custom()
				.maxConcurrentCalls(bulkhead.maxConcurrentCalls())
				.maxWaitDuration(Duration.ZERO)
				.build();
		}
		return register(registries.bulkheads(), settings.name(), config, registries.bulkheads()::bulkhead);
	}

	private static RateLimiter rateLimiter(ClientSettings settings, ResilienceRegistries registries) {
		ClientSettings.RateLimiterSettings rateLimiter = settings.rateLimiter();
		if (!rateLimiter.enabled()) {
			return null;
		}
		RateLimiterConfig config;
		if (rateLimiter.instance() != null) {
			config = referenced(registries.rateLimiters(), rateLimiter.instance(), RateLimiter::getRateLimiterConfig,
					settings, "rate-limiter", "resilience4j.ratelimiter");
		}
		else {
			config = RateLimiterConfig.custom()
				.limitForPeriod(rateLimiter.limitForPeriod())
				.limitRefreshPeriod(rateLimiter.limitRefreshPeriod())
				.timeoutDuration(rateLimiter.timeoutDuration())
				.build();
		}
		return register(registries.rateLimiters(), settings.name(), config, registries.rateLimiters()::rateLimiter);
	}

	/**
	 * Return the configuration of an existing instance, or of a shared configuration, named
	 * by a client's {@code *.instance} property.
	 */
	private static <E, C> C referenced(Registry<E, C> registry, String instance, Function<E, C> configOf,
			ClientSettings settings, String key, String prefix) {
		return registry.find(instance)
			.map(configOf)
			.or(() -> registry.getConfiguration(instance))
			.orElseThrow(() -> unknownInstance(settings, key, prefix, instance));
	}

	/**
	 * Register the client's instance under its name, replacing one of that name, so that the
	 * registry's listeners (Spring Boot's metrics, the actuator) see it.
	 */
	private static <E, C> E register(Registry<E, C> registry, String name, C config, BiFunction<String, C, E> create) {
		registry.remove(name);
		return create.apply(name, config);
	}

	private static ConfigurationException unknownInstance(ClientSettings settings, String key, String prefix,
			String instance) {
		return new ConfigurationException(settings.name(), key + ".instance",
				"no Resilience4j instance or configuration named '" + instance + "' exists",
				"Define " + prefix + ".instances." + instance + " (or " + prefix + ".configs." + instance
						+ "), or correct the name.");
	}

	/**
	 * Guard one attempt: bulkhead, time limiter, rate limiter and circuit breaker, those
	 * that are configured. Failures are passed through {@code translate} after the time
	 * limiter and again after the circuit breaker, so that guards see connector exceptions
	 * and their own rejections become connector exceptions too.
	 * @param <T> the element type
	 * @param attempt the attempt
	 * @param translate maps any failure to a {@link ConnectorException}
	 * @return the guarded attempt
	 */
	public <T> Mono<T> guardAttempt(Mono<T> attempt, Function<Throwable, Throwable> translate) {
		Mono<T> guarded = attempt;
		if (this.bulkhead != null) {
			guarded = guarded.transformDeferred(BulkheadOperator.of(this.bulkhead));
		}
		if (this.timeLimiter != null) {
			guarded = guarded.transformDeferred(TimeLimiterOperator.of(this.timeLimiter));
		}
		guarded = guarded.onErrorMap(translate);
		if (this.rateLimiter == null && this.circuitBreaker == null) {
			return guarded;
		}
		if (this.rateLimiter != null) {
			guarded = guarded.transformDeferred(RateLimiterOperator.of(this.rateLimiter));
		}
		if (this.circuitBreaker != null) {
			guarded = guarded.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker));
		}
		return guarded.onErrorMap(translate);
	}

	/**
	 * Retry a call with the client's retry instance, if it has one. The call must build each
	 * attempt anew on subscription ({@code Mono.defer}).
	 * <p>
	 * The loop drives the instance's own {@link Retry.AsyncContext}, so its configuration,
	 * waits, events and metrics are Resilience4j's, as with {@code RetryOperator}; it differs
	 * in cost only: a call that succeeds at once pays for two light operators instead of
	 * {@code retryWhen}'s companion publisher, which the benchmark showed on every call.
	 * @param <T> the element type
	 * @param call the call
	 * @return the call, retried per the client's policy
	 */
	public <T> Mono<T> retry(Mono<T> call) {
		if (this.retry == null) {
			return call;
		}
		return Mono.defer(() -> {
			Retry.AsyncContext<T> context = this.retry.asyncContext();
			return retrying(call, context).doOnSuccess((value) -> context.onComplete());
		});
	}

	private static <T> Mono<T> retrying(Mono<T> call, Retry.AsyncContext<T> context) {
		return call.onErrorResume((error) -> {
			long wait = context.onError(error);
			if (wait < 0) {
				return Mono.error(error);
			}
			Mono<T> next = retrying(call, context);
			return (wait == 0) ? next : Mono.delay(Duration.ofMillis(wait)).then(next);
		});
	}

}
