package dev.connector.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.connector.ConnectorRegistry;
import dev.connector.config.ClientSettings;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code connectors} endpoint: each client's effective configuration (after the
 * defaults and the client's own values were merged), its transport and its Resilience4j
 * instances. Read-only.
 * <p>
 * Values of headers in a client's {@code logging.redact-headers} (Authorization and the like)
 * are secrets: they are masked unless {@code management.endpoint.connectors.show-values}
 * allows them, as for Spring Boot's {@code env} and {@code configprops} endpoints; the
 * application's {@code SanitizingFunction} beans apply to every value.
 *
 * @since 0.1.0
 */
@Endpoint(id = "connectors")
public class ConnectorsEndpoint {

	private final ConnectorRegistry connectors;

	private final Sanitizer sanitizer;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create the endpoint.
	 * @param connectors the clients
	 * @param sanitizer masks values
	 * @param showValues when secrets are shown
	 * @param roles the roles that may see secrets when {@code WHEN_AUTHORIZED}
	 */
	public ConnectorsEndpoint(ConnectorRegistry connectors, Sanitizer sanitizer, Show showValues, Set<String> roles) {
		this.connectors = connectors;
		this.sanitizer = sanitizer;
		this.showValues = showValues;
		this.roles = roles;
	}

	/**
	 * Describe every client.
	 * @param securityContext the caller's security context
	 * @return the clients by name
	 */
	@ReadOperation
	public Map<String, Object> connectors(SecurityContext securityContext) {
		boolean showSecrets = this.showValues.isShown(securityContext, this.roles);
		Map<String, Object> clients = new LinkedHashMap<>();
		for (String name : this.connectors.names()) {
			clients.put(name, describe(this.connectors.get(name).settings(), showSecrets));
		}
		return Map.of("clients", clients);
	}

	/**
	 * Describe one client.
	 * @param securityContext the caller's security context
	 * @param name the client's name
	 * @return the client, or {@code null} (404) when no client has that name
	 */
	@ReadOperation
	public Map<String, Object> connector(SecurityContext securityContext, @Selector String name) {
		if (!this.connectors.names().contains(name)) {
			return null;
		}
		return describe(this.connectors.get(name).settings(), this.showValues.isShown(securityContext, this.roles));
	}

	private Map<String, Object> describe(ClientSettings settings, boolean showSecrets) {
		String prefix = "connector.clients." + settings.name() + ".";
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("transport", settings.transport());
		client.put("baseUrl", value(prefix + "base-url", settings.baseUrl()));
		client.put("timeout", String.valueOf(settings.timeout()));
		client.put("attemptTimeout", (settings.attemptTimeout() != null) ? settings.attemptTimeout().toString() : null);
		client.put("connectTimeout", String.valueOf(settings.connectTimeout()));
		client.put("maxInMemorySize", settings.maxInMemorySize());
		Set<String> secretHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		secretHeaders.addAll(settings.logging().redactHeaders());
		Map<String, Object> headers = new LinkedHashMap<>();
		settings.headers().forEach((header, values) -> {
			Object value = String.join(",", values);
			headers.put(header, secretHeaders.contains(header)
					? this.sanitizer.sanitize(new SanitizableData(null, prefix + "headers." + header, value), showSecrets)
					: value(prefix + "headers." + header, value));
		});
		client.put("headers", headers);
		client.put("pool", Map.of("maxConnections", settings.pool().maxConnections(), "pendingAcquireTimeout",
				settings.pool().pendingAcquireTimeout().toString(), "maxIdleTime",
				settings.pool().maxIdleTime().toString()));
		ClientSettings.RetrySettings retry = settings.retry();
		Map<String, Object> retryView = new LinkedHashMap<>();
		retryView.put("enabled", retry.enabled());
		retryView.put("maxAttempts", retry.maxAttempts());
		retryView.put("waitDuration", retry.waitDuration().toString());
		retryView.put("multiplier", retry.multiplier());
		retryView.put("maxWaitDuration", retry.maxWaitDuration().toString());
		retryView.put("jitter", retry.jitter());
		retryView.put("retryOnStatus", List.copyOf(new TreeSet<>(retry.retryOnStatus())));
		retryView.put("retryNonIdempotent", retry.retryNonIdempotent());
		retryView.put("respectRetryAfter", retry.respectRetryAfter());
		retryView.put("instance", retry.instance());
		client.put("retry", retryView);
		ClientSettings.CircuitBreakerSettings breaker = settings.circuitBreaker();
		Map<String, Object> breakerView = new LinkedHashMap<>();
		breakerView.put("enabled", breaker.enabled());
		breakerView.put("failureRateThreshold", breaker.failureRateThreshold());
		breakerView.put("slidingWindowSize", breaker.slidingWindowSize());
		breakerView.put("minimumNumberOfCalls", breaker.minimumNumberOfCalls());
		breakerView.put("waitDurationInOpenState", breaker.waitDurationInOpenState().toString());
		breakerView.put("permittedNumberOfCallsInHalfOpenState", breaker.permittedNumberOfCallsInHalfOpenState());
		breakerView.put("instance", breaker.instance());
		client.put("circuitBreaker", breakerView);
		Map<String, Object> bulkheadView = new LinkedHashMap<>();
		bulkheadView.put("enabled", settings.bulkhead().enabled());
		bulkheadView.put("maxConcurrentCalls", settings.bulkhead().maxConcurrentCalls());
		bulkheadView.put("instance", settings.bulkhead().instance());
		client.put("bulkhead", bulkheadView);
		ClientSettings.RateLimiterSettings limiter = settings.rateLimiter();
		Map<String, Object> limiterView = new LinkedHashMap<>();
		limiterView.put("enabled", limiter.enabled());
		limiterView.put("limitForPeriod", limiter.limitForPeriod());
		limiterView.put("limitRefreshPeriod", limiter.limitRefreshPeriod().toString());
		limiterView.put("timeoutDuration", limiter.timeoutDuration().toString());
		limiterView.put("instance", limiter.instance());
		client.put("rateLimiter", limiterView);
		client.put("batch", Map.of("maxConcurrency", settings.batch().maxConcurrency()));
		client.put("logging", Map.of("level", settings.logging().level().name().toLowerCase(), "redactHeaders",
				List.copyOf(new TreeSet<>(settings.logging().redactHeaders()))));
		client.put("observation", Map.of("enabled", settings.observationEnabled()));
		ClientSettings.HealthSettings health = settings.health();
		Map<String, Object> healthView = new LinkedHashMap<>();
		healthView.put("failureThreshold", health.failureThreshold());
		healthView.put("required", health.required());
		healthView.put("probePath", health.probePath());
		healthView.put("probeInterval", health.probeInterval().toString());
		healthView.put("probeTimeout", health.probeTimeout().toString());
		client.put("health", healthView);
		client.put("resilience4jInstances", instances(settings));
		return client;
	}

	private Object value(String key, Object value) {
		return (value != null) ? this.sanitizer.sanitize(new SanitizableData(null, key, value.toString()), true) : null;
	}

	/**
	 * Name the Resilience4j instances the client registered, by kind: each under the
	 * client's name, in the application's registries.
	 */
	private static Map<String, String> instances(ClientSettings settings) {
		Map<String, String> instances = new LinkedHashMap<>();
		if (settings.retry().enabled()) {
			instances.put("retry", settings.name());
		}
		if (settings.attemptTimeout() != null) {
			instances.put("timeLimiter", settings.name());
		}
		if (settings.circuitBreaker().enabled()) {
			instances.put("circuitBreaker", settings.name());
		}
		if (settings.bulkhead().enabled()) {
			instances.put("bulkhead", settings.name());
		}
		if (settings.rateLimiter().enabled()) {
			instances.put("rateLimiter", settings.name());
		}
		return instances;
	}


}
