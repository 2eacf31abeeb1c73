package dev.connector.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.BatchSettings;
import dev.connector.config.ClientSettings.BulkheadSettings;
import dev.connector.config.ClientSettings.CircuitBreakerSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.config.ClientSettings.LoggingSettings;
import dev.connector.config.ClientSettings.PoolSettings;
import dev.connector.config.ClientSettings.RateLimiterSettings;
import dev.connector.config.ClientSettings.RetrySettings;

/**
 * Resolves {@link ConnectorProperties} into one immutable {@link ClientSettings} per client,
 * once, at start-up: client values over {@code connector.defaults} over the built-in values.
 * <p>
 * Each level is first checked on its own over the built-in values, so that an error names
 * the property where the bad value was written ({@code connector.defaults.timeout} or
 * {@code connector.clients.payments.timeout}); the rules themselves live in
 * {@link ClientSettings.Builder#build()}.
 */
final class ClientSettingsResolver {

	static final String PREFIX = "connector";

	private ClientSettingsResolver() {
	}

	static Map<String, ClientSettings> resolve(ConnectorProperties properties) {
		Map<String, ClientSettings> resolved = new LinkedHashMap<>();
		String defaultsPrefix = PREFIX + ".defaults.";
		for (Map.Entry<String, ClientProperties> client : properties.getClients().entrySet()) {
			String name = client.getKey();
			String clientPrefix = clientPrefix(name);
			ClientSettings builtIn = ClientSettings.builder(name).build();
			withPrefix(name, defaultsPrefix, () -> apply(properties.getDefaults(), builtIn));
			withPrefix(name, clientPrefix, () -> apply(client.getValue(), builtIn));
			ClientSettings defaults = apply(properties.getDefaults(), builtIn);
			resolved.put(name, withPrefix(name, clientPrefix, () -> apply(client.getValue(), defaults)));
		}
		String defaultClient = properties.getDefaultClient();
		if (defaultClient != null && !resolved.containsKey(defaultClient)) {
			Set<String> names = resolved.keySet();
			throw new ConfigurationException(null, PREFIX + ".default-client",
					"names '" + defaultClient + "' but no client of that name is configured (clients: " + names + ")",
					names.isEmpty() ? "Configure connector.clients." + defaultClient + ".base-url, or remove "
							+ "connector.default-client."
							: "Set it to one of " + names + ", or configure connector.clients." + defaultClient + ".");
		}
		return Collections.unmodifiableMap(resolved);
	}

	static ConfigurationException unknownClient(String name, Set<String> names) {
		return new ConfigurationException(name, PREFIX + ".clients." + name,
				"no client named '" + name + "' is configured (clients: " + names + ")",
				"Configure connector.clients." + name + ".base-url, or use one of " + names + ".");
	}

	static String clientPrefix(String name) {
		return PREFIX + ".clients." + name + ".";
	}

	/**
	 * Run an action that may raise a {@link ConfigurationException} naming a property
	 * relative to a client, and name the full property instead.
	 */
	static <T> T withPrefix(String clientName, String prefix, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (ConfigurationException ex) {
			if (ex.getProperty().startsWith(PREFIX + ".")) {
				throw ex;
			}
			throw new ConfigurationException(clientName, prefix + ex.getProperty(), ex.getProblem(), ex.getAction());
		}
	}

	private static ClientSettings apply(ClientProperties properties, ClientSettings base) {
		ClientSettings.Builder builder = base.toBuilder();
		if (properties.getTransport() != null) {
			builder.transport(properties.getTransport());
		}
		if (properties.getBaseUrl() != null) {
			builder.baseUrl(properties.getBaseUrl());
		}
		else if (properties.getUrl() != null) {
			try {
				builder.baseUrl(properties.getUrl());
			}
			catch (ConfigurationException ex) {
				throw new ConfigurationException(ex.getClientName(), "url", ex.getProblem(), ex.getAction());
			}
		}
		if (properties.getTimeout() != null) {
			builder.timeout(properties.getTimeout());
		}
		if (properties.getAttemptTimeout() != null) {
			builder.attemptTimeout(properties.getAttemptTimeout());
		}
		if (properties.getConnectTimeout() != null) {
			builder.connectTimeout(properties.getConnectTimeout());
		}
		properties.getHeaders().forEach(builder::header);
		if (properties.getMaxInMemorySize() != null) {
			builder.maxInMemorySize((int) Math.min(Integer.MAX_VALUE, properties.getMaxInMemorySize().toBytes()));
		}
		builder.pool(pool(properties.getPool(), base.pool()));
		builder.retry(retry(properties.getRetry(), base.retry()));
		builder.circuitBreaker(circuitBreaker(properties.getCircuitBreaker(), base.circuitBreaker()));
		builder.bulkhead(bulkhead(properties.getBulkhead(), base.bulkhead()));
		builder.rateLimiter(rateLimiter(properties.getRateLimiter(), base.rateLimiter()));
		builder.batch(batch(properties.getBatch(), base.batch()));
		builder.logging(logging(properties.getLogging(), base.logging()));
		if (properties.getObservation().getEnabled() != null) {
			builder.observationEnabled(properties.getObservation().getEnabled());
		}
		builder.health(health(properties.getHealth(), base.health()));
		return builder.build();
	}

	private static PoolSettings pool(ClientProperties.Pool properties, PoolSettings base) {
		return new PoolSettings(or(properties.getMaxConnections(), base.maxConnections()),
				or(properties.getPendingAcquireTimeout(), base.pendingAcquireTimeout()),
				or(properties.getMaxIdleTime(), base.maxIdleTime()));
	}

	private static RetrySettings retry(ClientProperties.Retry properties, RetrySettings base) {
		return new RetrySettings(or(properties.getEnabled(), base.enabled()),
				or(properties.getMaxAttempts(), base.maxAttempts()),
				or(properties.getWaitDuration(), base.waitDuration()),
				or(properties.getMultiplier(), base.multiplier()),
				or(properties.getMaxWaitDuration(), base.maxWaitDuration()), or(properties.getJitter(), base.jitter()),
				(properties.getRetryOnStatus() != null) ? Set.copyOf(properties.getRetryOnStatus())
						: base.retryOnStatus(),
				or(properties.getRetryNonIdempotent(), base.retryNonIdempotent()),
				or(properties.getRespectRetryAfter(), base.respectRetryAfter()),
				or(properties.getInstance(), base.instance()));
	}

	private static CircuitBreakerSettings circuitBreaker(ClientProperties.CircuitBreaker properties,
			CircuitBreakerSettings base) {
		return new CircuitBreakerSettings(or(properties.getEnabled(), base.enabled()),
				or(properties.getFailureRateThreshold(), base.failureRateThreshold()),
				or(properties.getSlidingWindowSize(), base.slidingWindowSize()),
				or(properties.getMinimumNumberOfCalls(), base.minimumNumberOfCalls()),
				or(properties.getWaitDurationInOpenState(), base.waitDurationInOpenState()),
				or(properties.getPermittedNumberOfCallsInHalfOpenState(), base.permittedNumberOfCallsInHalfOpenState()),
				or(properties.getInstance(), base.instance()));
	}

	private static BulkheadSettings bulkhead(ClientProperties.Bulkhead properties, BulkheadSettings base) {
		return new BulkheadSettings(or(properties.getEnabled(), base.enabled()),
				or(properties.getMaxConcurrentCalls(), base.maxConcurrentCalls()),
				or(properties.getInstance(), base.instance()));
	}

	private static RateLimiterSettings rateLimiter(ClientProperties.RateLimiter properties, RateLimiterSettings base) {
		return new RateLimiterSettings(or(properties.getEnabled(), base.enabled()),
				or(properties.getLimitForPeriod(), base.limitForPeriod()),
				or(properties.getLimitRefreshPeriod(), base.limitRefreshPeriod()),
				or(properties.getTimeoutDuration(), base.timeoutDuration()), or(properties.getInstance(), base.instance()));
	}

	private static BatchSettings batch(ClientProperties.Batch properties, BatchSettings base) {
		return new BatchSettings(or(properties.getMaxConcurrency(), base.maxConcurrency()));
	}

	private static LoggingSettings logging(ClientProperties.Logging properties, LoggingSettings base) {
		return new LoggingSettings(or(properties.getLevel(), base.level()),
				(properties.getRedactHeaders() != null) ? Set.copyOf(properties.getRedactHeaders())
						: base.redactHeaders());
	}

	private static HealthSettings health(ClientProperties.Health properties, HealthSettings base) {
		ClientProperties.Health.Probe probe = properties.getProbe();
		return new HealthSettings(or(properties.getFailureThreshold(), base.failureThreshold()),
				or(properties.getRequired(), base.required()), or(probe.getPath(), base.probePath()),
				or(probe.getInterval(), base.probeInterval()), or(probe.getTimeout(), base.probeTimeout()));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
