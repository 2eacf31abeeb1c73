package dev.connector.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * The Resilience4j registries a client registers its instances in, under the client's
 * name. In a Spring Boot application these are the registries of
 * {@code resilience4j-spring-boot3}, so {@code /actuator/retries},
 * {@code /actuator/circuitbreakers} and Resilience4j's metrics show the clients; a client may
 * also name an existing instance there to reuse its configuration.
 *
 * @param retries the retry registry
 * @param timeLimiters the time limiter registry
 * @param circuitBreakers the circuit breaker registry
 * @param bulkheads the bulkhead registry
 * @param rateLimiters the rate limiter registry
 * @since 0.1.0
 */
public record ResilienceRegistries(RetryRegistry retries, TimeLimiterRegistry timeLimiters,
		CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters) {

	/**
	 * Create a new instance; a {@code null} registry is replaced by a new default one.
	 */
	public ResilienceRegistries {
		retries = (retries != null) ? retries : RetryRegistry.ofDefaults();
		timeLimiters = (timeLimiters != null) ? timeLimiters : TimeLimiterRegistry.ofDefaults();
		circuitBreakers = (circuitBreakers != null) ? circuitBreakers : CircuitBreakerRegistry.ofDefaults();
		bulkheads = (bulkheads != null) ? bulkheads : BulkheadRegistry.ofDefaults();
		rateLimiters = (rateLimiters != null) ? rateLimiters : RateLimiterRegistry.ofDefaults();
	}

	/**
	 * Create registries of their own, for a client used without Spring Boot.
	 * @return new, empty registries
	 */
	public static ResilienceRegistries ofDefaults() {
		return new ResilienceRegistries(null, null, null, null, null);
	}

}
