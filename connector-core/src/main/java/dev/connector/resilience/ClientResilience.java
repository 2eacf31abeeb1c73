package dev.connector.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.ConnectorException;
import dev.connector.FailureKind;
import dev.connector.RateLimitedException;
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
 * What is retried is decided per call by the connector's retry policy; the retry instance
 * counts attempts, waits and publishes its events and metrics. A failure the policy does
 * not retry reaches the instance wrapped in a {@link RetryDeclined}, so that Resilience4j
 * counts it as failed without retry. Waits are exponential with jitter, except after a 429
 * whose {@code Retry-After} the client respects. The circuit breaker records the failures
 * whose {@link FailureKind#isUpstreamFailure() kind} says the upstream is unwell.
 * <p>
 * Instances are registered only once every one of them could be configured, and a name
 * already taken in a registry (by the application's own instance, or by another open client
 * of the same name) fails the build instead of replacing it; {@link #unregister()} removes
 * them again when the client closes.
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

	private final List<Runnable> unregister;

	private ClientResilience(Registrations registrations) {
		this.retry = registrations.register(Registrations.RETRY);
		this.timeLimiter = registrations.register(Registrations.TIME_LIMITER);
		this.circuitBreaker = registrations.register(Registrations.CIRCUIT_BREAKER);
		this.bulkhead = registrations.register(Registrations.BULKHEAD);
		this.rateLimiter = registrations.register(Registrations.RATE_LIMITER);
		this.unregister = List.copyOf(registrations.unregister);
	}

	/**
	 * Create and register the instances a client's settings call for.
	 * @param settings the client's settings
	 * @param registries where to register them, and where referenced instances live
	 * @return the client's instances
	 * @throws ConfigurationException if a referenced instance does not exist or does not
	 * suit a reactive client, or an instance of the client's name already exists; nothing
	 * is registered then
	 */
	public static ClientResilience create(ClientSettings settings, ResilienceRegistries registries) {
		Registrations registrations = new Registrations(settings);
		registrations.plan(Registrations.RETRY, registries.retries(), retry(settings, registries),
				registries.retries()::retry, "retry", "resilience4j.retry");
		registrations.plan(Registrations.TIME_LIMITER, registries.timeLimiters(), timeLimiter(settings),
				registries.timeLimiters()::timeLimiter, "attempt-timeout", "resilience4j.timelimiter");
		registrations.plan(Registrations.CIRCUIT_BREAKER, registries.circuitBreakers(),
				circuitBreaker(settings, registries), registries.circuitBreakers()::circuitBreaker, "circuit-breaker",
				"resilience4j.circuitbreaker");
		registrations.plan(Registrations.BULKHEAD, registries.bulkheads(), bulkhead(settings, registries),
				registries.bulkheads()::bulkhead, "bulkhead", "resilience4j.bulkhead");
		registrations.plan(Registrations.RATE_LIMITER, registries.rateLimiters(), rateLimiter(settings, registries),
				registries.rateLimiters()::rateLimiter, "rate-limiter", "resilience4j.ratelimiter");
		return new ClientResilience(registrations);
	}

	/**
	 * Remove the client's instances from the registries, those that are still the ones it
	 * registered. Idempotent.
	 */
	public void unregister() {
		this.unregister.forEach(Runnable::run);
	}

	private static RetryConfig retry(ClientSettings settings, ResilienceRegistries registries) {
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
			.retryOnException((error) -> !(error instanceof RetryDeclined))
			.build();
		return config;
	}

	private static TimeLimiterConfig timeLimiter(ClientSettings settings) {
		Duration attemptTimeout = settings.attemptTimeout();
		if (attemptTimeout == null) {
			// no attempt deadline: only the call's overall deadline applies, never a hidden default
			return null;
		}
		return TimeLimiterConfig.custom().timeoutDuration(attemptTimeout).cancelRunningFuture(true).build();
	}

	private static CircuitBreakerConfig circuitBreaker(ClientSettings settings, ResilienceRegistries registries) {
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
		return config;
	}

	/**
	 * Whether a failure says the upstream is unwell, as opposed to the request being wrong
	 * (4xx), the body unreadable, or a guard refusing the call.
	 */
	private static boolean isUpstreamFailure(Throwable error) {
		return error instanceof ConnectorException failure && failure.kind().isUpstreamFailure();
	}

	private static BulkheadConfig bulkhead(ClientSettings settings, ResilienceRegistries registries) {
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
		return config;
	}

	private static RateLimiterConfig rateLimiter(ClientSettings settings, ResilienceRegistries registries) {
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
		return config;
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

	private static ConfigurationException unknownInstance(ClientSettings settings, String key, String prefix,
			String instance) {
		return new ConfigurationException(settings.name(), key + ".instance",
				"no Resilience4j instance or configuration named '" + instance + "' exists",
				"Define " + prefix + ".instances." + instance + " (or " + prefix + ".configs." + instance
						+ "), or correct the name.");
	}

	/**
	 * Limit one attempt with the bulkhead and the time limiter, those that are configured.
	 * Their failures ({@code BulkheadFullException}, {@code TimeoutException}) come out as
	 * they are, for the caller to translate.
	 * @param <T> the element type
	 * @param attempt the attempt
	 * @return the limited attempt
	 */
	public <T> Mono<T> limitAttempt(Mono<T> attempt) {
		Mono<T> limited = attempt;
		if (this.bulkhead != null) {
			limited = limited.transformDeferred(BulkheadOperator.of(this.bulkhead));
		}
		if (this.timeLimiter != null) {
			limited = limited.transformDeferred(TimeLimiterOperator.of(this.timeLimiter));
		}
		return limited;
	}

	/**
	 * Return whether {@link #admitAttempt(Mono)} does anything.
	 * @return {@code true} if a rate limiter or a circuit breaker is configured
	 */
	public boolean admits() {
		return this.rateLimiter != null || this.circuitBreaker != null;
	}

	/**
	 * Admit one attempt through the rate limiter and the circuit breaker, those that are
	 * configured. The circuit breaker sees the attempt's failures, which should already be
	 * connector exceptions; its own and the rate limiter's rejections come out as they are.
	 * @param <T> the element type
	 * @param attempt the attempt
	 * @return the admitted attempt
	 */
	public <T> Mono<T> admitAttempt(Mono<T> attempt) {
		Mono<T> admitted = attempt;
		if (this.rateLimiter != null) {
			admitted = admitted.transformDeferred(RateLimiterOperator.of(this.rateLimiter));
		}
		if (this.circuitBreaker != null) {
			admitted = admitted.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker));
		}
		return admitted;
	}

	/**
	 * Return the client's retry instance.
	 * @return the instance, or {@code null} when retries are off
	 */
	public Retry retry() {
		return this.retry;
	}

	/**
	 * Plans the client's registrations: every instance is configured (which may fail)
	 * before any is registered, and a taken name fails before anything is registered.
	 */
	private static final class Registrations {

		static final int RETRY = 0;

		static final int TIME_LIMITER = 1;

		static final int CIRCUIT_BREAKER = 2;

		static final int BULKHEAD = 3;

		static final int RATE_LIMITER = 4;

		private final ClientSettings settings;

		private final Supplier<?>[] planned = new Supplier<?>[5];

		private final List<Runnable> unregister = new ArrayList<>();

		Registrations(ClientSettings settings) {
			this.settings = settings;
		}

		<E, C> void plan(int slot, Registry<E, C> registry, C config, BiFunction<String, C, E> create, String key,
				String prefix) {
			if (config == null) {
				return;
			}
			String name = this.settings.name();
			Optional<E> existing = registry.find(name);
			if (existing.isPresent()) {
				throw new ConfigurationException(name, key,
						"a Resilience4j instance named '" + name + "' already exists in " + prefix
								+ ".instances, and the client registers its own under its name",
						"Rename that instance and reference it with connector.clients." + name + "." + key
								+ (key.equals("attempt-timeout") ? " (or remove it)" : ".instance")
								+ ", or close the other client of that name first.");
			}
			this.planned[slot] = () -> {
				E instance = create.apply(name, config);
				this.unregister.add(() -> registry.find(name)
					.filter((registered) -> registered == instance)
					.ifPresent((registered) -> registry.remove(name)));
				return instance;
			};
		}

		@SuppressWarnings("unchecked")
		<E> E register(int slot) {
			Supplier<?> planned = this.planned[slot];
			return (planned != null) ? (E) planned.get() : null;
		}

	}

}
