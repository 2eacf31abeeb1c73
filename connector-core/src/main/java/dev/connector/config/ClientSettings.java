package dev.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.connector.ConfigurationException;

import org.springframework.http.HttpHeaders;

import static dev.connector.config.SettingsChecks.atLeast;
import static dev.connector.config.SettingsChecks.invalid;
import static dev.connector.config.SettingsChecks.notNegative;
import static dev.connector.config.SettingsChecks.positive;
import static dev.connector.config.SettingsChecks.positiveWhenSet;

/**
 * The resolved, immutable settings of one client: what is left after the per-client
 * configuration has been merged over the defaults and the built-in values. Built once when
 * the client is created; the request path only reads it. Build it with
 * {@link #builder(String)}, derive it with {@link #toBuilder()}.
 * <p>
 * Every record here checks its values when it is created and throws a
 * {@link ConfigurationException} naming the first invalid one. Property names in errors
 * are the keys under {@code connector.clients.<name>} ({@code retry.max-attempts}); the
 * nested records do not know their client, so their errors name none, and the Spring Boot
 * integration names the full property that was written. The built-in values are the
 * {@code DEFAULT_*} constants and each nested record's {@code DEFAULTS}.
 *
 * @param name the client's name
 * @param transport the transport type, the name a {@code TransportFactory} registers under
 * @param baseUrl the base URL that request paths resolve against, or {@code null} when
 * requests use absolute URIs only
 * @param timeout the overall deadline of one call, all attempts and waits included
 * @param attemptTimeout the deadline of one attempt, or {@code null} when only the overall
 * timeout applies
 * @param connectTimeout how long to wait for a connection to be established
 * @param readTimeout the longest time without reading any data from the connection during
 * an attempt, or {@code null} for no such limit
 * @param maxInMemorySize the largest response body, in bytes, held in memory
 * @param headers the headers added to every request of this client, read-only
 * @param pool the connection pool settings
 * @param retry the retry settings
 * @param circuitBreaker the circuit breaker settings
 * @param bulkhead the bulkhead settings
 * @param rateLimiter the rate limiter settings
 * @param batch the batch settings
 * @param stream the streaming settings
 * @param logging the request logging settings
 * @param observation the observation settings
 * @param health the health settings
 * @param auth how calls are authenticated
 * @param ssl the TLS settings
 * @param proxy the proxy to connect through
 * @param compression whether responses may be compressed ({@code Accept-Encoding: gzip})
 * @param http2 the HTTP/2 settings
 * @param followRedirects whether redirects are followed; credentials never go to another
 * host
 * @param sdk the settings of the {@code sdk} transport
 * @param websocket the WebSocket settings, for the {@code websocket} transport
 * @since 0.1.0
 */
public record ClientSettings(
		String name,
		String transport,
		URI baseUrl,
		Duration timeout,
		Duration attemptTimeout,
		Duration connectTimeout,
		Duration readTimeout,
		int maxInMemorySize,
		HttpHeaders headers,
		PoolSettings pool,
		RetrySettings retry,
		CircuitBreakerSettings circuitBreaker,
		BulkheadSettings bulkhead,
		RateLimiterSettings rateLimiter,
		BatchSettings batch,
		StreamSettings stream,
		LoggingSettings logging,
		ObservationSettings observation,
		HealthSettings health,
		AuthSettings auth,
		SslSettings ssl,
		ProxySettings proxy,
		boolean compression,
		Http2Settings http2,
		boolean followRedirects,
		SdkSettings sdk,
		WebSocketSettings websocket) {

	/** The built-in overall deadline of one call, all attempts included. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/** The built-in connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** The built-in maximum number of bytes of a response body held in memory: 1 MiB. */
	public static final int DEFAULT_MAX_IN_MEMORY_SIZE = 1024 * 1024;

	/** The built-in transport type. */
	public static final String DEFAULT_TRANSPORT = "http";

	/**
	 * Create settings, checking every value; prefer {@link #builder(String)}. The headers
	 * are copied into read-only headers.
	 * @throws ConfigurationException naming the first invalid value
	 */
	public ClientSettings {
		checkName(name);
		Objects.requireNonNull(transport, "transport must not be null");
		positive(name, "timeout", timeout);
		positiveWhenSet(name, "attempt-timeout", attemptTimeout);
		positive(name, "connect-timeout", connectTimeout);
		positiveWhenSet(name, "read-timeout", readTimeout);
		atLeast(name, "max-in-memory-size", maxInMemorySize, 1);
		HttpHeaders copy = new HttpHeaders();
		if (headers != null) {
			// forEach and addAll(String, List), not addAll(MultiValueMap): Framework 7's HttpHeaders is no MultiValueMap
			headers.forEach(copy::addAll);
		}
		headers = HttpHeaders.readOnlyHttpHeaders(copy);
		Objects.requireNonNull(pool, "pool must not be null");
		Objects.requireNonNull(retry, "retry must not be null");
		Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		Objects.requireNonNull(bulkhead, "bulkhead must not be null");
		Objects.requireNonNull(rateLimiter, "rateLimiter must not be null");
		Objects.requireNonNull(batch, "batch must not be null");
		Objects.requireNonNull(stream, "stream must not be null");
		Objects.requireNonNull(logging, "logging must not be null");
		Objects.requireNonNull(observation, "observation must not be null");
		Objects.requireNonNull(health, "health must not be null");
		Objects.requireNonNull(auth, "auth must not be null");
		Objects.requireNonNull(ssl, "ssl must not be null");
		Objects.requireNonNull(proxy, "proxy must not be null");
		Objects.requireNonNull(http2, "http2 must not be null");
		Objects.requireNonNull(sdk, "sdk must not be null");
		Objects.requireNonNull(websocket, "websocket must not be null");
	}

	/**
	 * Start settings for the named client, with every value at its built-in default.
	 * @param name the client's name
	 * @return a new builder
	 * @throws ConfigurationException if the name is blank
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Return a builder initialised with these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return whether calls of this client are observed (given an observation registry).
	 * @return {@code true} by default
	 */
	public boolean observationEnabled() {
		return this.observation.enabled();
	}

	/**
	 * Describe the settings; header values are left out, as they may be credentials.
	 * @return a description
	 */
	@Override
	public String toString() {
		return "ClientSettings[name=" + this.name
				+ ", transport=" + this.transport
				+ ", baseUrl=" + this.baseUrl
				+ ", timeout=" + this.timeout
				+ ", attemptTimeout=" + this.attemptTimeout
				+ ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout
				+ ", maxInMemorySize=" + this.maxInMemorySize
				+ ", headers=" + headerNames(this.headers)
				+ ", " + this.pool + ", " + this.retry + ", " + this.circuitBreaker + ", " + this.bulkhead
				+ ", " + this.rateLimiter + ", " + this.batch + ", " + this.stream + ", " + this.logging + ", " + this.observation
				+ ", " + this.health + ", " + this.auth + ", " + this.ssl + ", " + this.proxy
				+ ", compression=" + this.compression + ", " + this.http2
				+ ", followRedirects=" + this.followRedirects + ", " + this.sdk + ", " + this.websocket + "]";
	}

	private static List<String> headerNames(HttpHeaders headers) {
		List<String> names = new ArrayList<>(headers.size());
		headers.forEach((name, values) -> names.add(name));
		return names;
	}

	private static void checkName(String name) {
		if (name == null || name.isBlank()) {
			throw new ConfigurationException(name, "name", "a client needs a non-blank name",
					"Give the client a name such as 'payments'.");
		}
	}

	private static URI parseUrl(String name, String property, String url) {
		try {
			URI uri = new URI(url);
			if (uri.getScheme() == null || uri.getHost() == null) {
				throw new ConfigurationException(name, property,
						"'" + url + "' is not an absolute URL with a scheme and a host",
						"Write it in full, such as http://localhost:8081.");
			}
			return uri;
		}
		catch (java.net.URISyntaxException ex) {
			throw new ConfigurationException(name, property,
					"'" + url + "' is not a valid URL (" + ex.getReason() + " at index " + ex.getIndex() + ")",
					"Write it in full, such as http://localhost:8081.");
		}
	}

	/**
	 * Streaming settings, for calls made with {@code Connector#stream}.
	 *
	 * @param idleTimeout the longest gap between two elements of a stream (and between its
	 * response headers and its first element)
	 * @param maxDuration the longest a stream may last, or {@code null} for no limit
	 * @param resume whether a Server-Sent Events stream that drops after delivering events
	 * reconnects with {@code Last-Event-ID}
	 * @since 0.1.0
	 */
	public record StreamSettings(Duration idleTimeout, Duration maxDuration, boolean resume) {

		/** The built-in streaming settings: 60 s idle, no longest duration, no resume. */
		public static final StreamSettings DEFAULTS = new StreamSettings(Duration.ofSeconds(60), null, false);

		/**
		 * Create streaming settings, checking every value.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public StreamSettings {
			positive(null, "stream.idle-timeout", idleTimeout);
			positiveWhenSet(null, "stream.max-duration", maxDuration);
		}

		/**
		 * Start streaming settings from the built-in values.
		 * @return a new builder
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link StreamSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private Duration idleTimeout;

			private Duration maxDuration;

			private boolean resume;

			private Builder(StreamSettings settings) {
				this.idleTimeout = settings.idleTimeout;
				this.maxDuration = settings.maxDuration;
				this.resume = settings.resume;
			}

			/**
			 * Set the longest gap between two elements.
			 * @param idleTimeout a positive duration
			 * @return this builder
			 */
			public Builder idleTimeout(Duration idleTimeout) {
				this.idleTimeout = idleTimeout;
				return this;
			}

			/**
			 * Set the longest a stream may last.
			 * @param maxDuration a positive duration, or {@code null} for no limit
			 * @return this builder
			 */
			public Builder maxDuration(Duration maxDuration) {
				this.maxDuration = maxDuration;
				return this;
			}

			/**
			 * Turn Server-Sent Events resume on or off.
			 * @param resume {@code true} to reconnect with {@code Last-Event-ID}
			 * @return this builder
			 */
			public Builder resume(boolean resume) {
				this.resume = resume;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public StreamSettings build() {
				return new StreamSettings(this.idleTimeout, this.maxDuration, this.resume);
			}

		}

	}

	/**
	 * Connection pool settings.
	 *
	 * @param maxConnections the most connections open at once
	 * @param pendingAcquireTimeout how long a request waits for a free connection
	 * @param maxIdleTime how long an idle connection stays open
	 * @since 0.1.0
	 */
	public record PoolSettings(int maxConnections, Duration pendingAcquireTimeout, Duration maxIdleTime) {

		/** The built-in pool settings: 500 connections, 10 s acquire, 30 s idle. */
		public static final PoolSettings DEFAULTS = new PoolSettings(500, Duration.ofSeconds(10),
				Duration.ofSeconds(30));

		/**
		 * Create pool settings, checking every value.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public PoolSettings {
			atLeast(null, "pool.max-connections", maxConnections, 1);
			positive(null, "pool.pending-acquire-timeout", pendingAcquireTimeout);
			positive(null, "pool.max-idle-time", maxIdleTime);
		}

		/**
		 * Start pool settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link PoolSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private int maxConnections;

			private Duration pendingAcquireTimeout;

			private Duration maxIdleTime;

			private Builder(PoolSettings settings) {
				this.maxConnections = settings.maxConnections;
				this.pendingAcquireTimeout = settings.pendingAcquireTimeout;
				this.maxIdleTime = settings.maxIdleTime;
			}

			/**
			 * Set the most connections open at once.
			 * @param maxConnections at least 1
			 * @return this builder
			 */
			public Builder maxConnections(int maxConnections) {
				this.maxConnections = maxConnections;
				return this;
			}

			/**
			 * Set how long a request waits for a free connection.
			 * @param pendingAcquireTimeout a positive duration
			 * @return this builder
			 */
			public Builder pendingAcquireTimeout(Duration pendingAcquireTimeout) {
				this.pendingAcquireTimeout = pendingAcquireTimeout;
				return this;
			}

			/**
			 * Set how long an idle connection stays open.
			 * @param maxIdleTime a positive duration
			 * @return this builder
			 */
			public Builder maxIdleTime(Duration maxIdleTime) {
				this.maxIdleTime = maxIdleTime;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public PoolSettings build() {
				return new PoolSettings(this.maxConnections, this.pendingAcquireTimeout, this.maxIdleTime);
			}

		}

	}

	/**
	 * Retry settings.
	 *
	 * @param enabled whether failed calls are retried at all
	 * @param maxAttempts the most attempts, the first included
	 * @param waitDuration the wait before the second attempt
	 * @param multiplier how much each further wait grows
	 * @param maxWaitDuration the longest wait between two attempts
	 * @param jitter the random spread of each wait, from 0 (none) to 1 (0 to 2 times)
	 * @param retryOnStatus the response statuses that are retried
	 * @param retryNonIdempotent whether POST and PATCH are retried after the server may
	 * have acted on them
	 * @param respectRetryAfter whether a {@code Retry-After} header sets the next wait
	 * @param instance the name of an existing Resilience4j retry instance whose attempts and
	 * waits to use instead, or {@code null}
	 * @since 0.1.0
	 */
	public record RetrySettings(boolean enabled, int maxAttempts, Duration waitDuration, double multiplier,
			Duration maxWaitDuration, double jitter, Set<Integer> retryOnStatus, boolean retryNonIdempotent,
			boolean respectRetryAfter, String instance) {

		/** The built-in retry settings. */
		public static final RetrySettings DEFAULTS = new RetrySettings(true, 3, Duration.ofMillis(100), 2.0,
				Duration.ofSeconds(2), 0.5, Set.of(429, 502, 503, 504), false, true, null);

		/**
		 * Create retry settings, checking every value; prefer {@link #builder()}. The
		 * statuses are copied into an ordered, read-only set.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public RetrySettings {
			atLeast(null, "retry.max-attempts", maxAttempts, 1);
			positive(null, "retry.wait-duration", waitDuration);
			positive(null, "retry.max-wait-duration", maxWaitDuration);
			if (multiplier < 1.0) {
				throw invalid(null, "retry.multiplier", "must be at least 1.0 but was " + multiplier,
						"Set it to 1.0 for a fixed wait or more for an exponential backoff.");
			}
			if (jitter < 0 || jitter >= 1) {
				throw invalid(null, "retry.jitter", "must be at least 0 and below 1 but was " + jitter,
						"Set it to 0 for no jitter, or a fraction such as 0.5.");
			}
			retryOnStatus = (retryOnStatus != null)
					? Collections.unmodifiableSortedSet(new TreeSet<>(retryOnStatus)) : Set.of();
			for (int status : retryOnStatus) {
				if (status < 100 || status > 599) {
					throw invalid(null, "retry.retry-on-status", "contains " + status + ", which is not an HTTP status",
							"List statuses between 100 and 599, such as [429, 503].");
				}
			}
		}

		/**
		 * Start retry settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link RetrySettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private boolean enabled;

			private int maxAttempts;

			private Duration waitDuration;

			private double multiplier;

			private Duration maxWaitDuration;

			private double jitter;

			private Set<Integer> retryOnStatus;

			private boolean retryNonIdempotent;

			private boolean respectRetryAfter;

			private String instance;

			private Builder(RetrySettings settings) {
				this.enabled = settings.enabled;
				this.maxAttempts = settings.maxAttempts;
				this.waitDuration = settings.waitDuration;
				this.multiplier = settings.multiplier;
				this.maxWaitDuration = settings.maxWaitDuration;
				this.jitter = settings.jitter;
				this.retryOnStatus = settings.retryOnStatus;
				this.retryNonIdempotent = settings.retryNonIdempotent;
				this.respectRetryAfter = settings.respectRetryAfter;
				this.instance = settings.instance;
			}

			/**
			 * Turn retries on or off.
			 * @param enabled {@code false} to make one attempt only
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Set the most attempts, the first included.
			 * @param maxAttempts at least 1
			 * @return this builder
			 */
			public Builder maxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
				return this;
			}

			/**
			 * Set the wait before the second attempt.
			 * @param waitDuration a positive duration
			 * @return this builder
			 */
			public Builder waitDuration(Duration waitDuration) {
				this.waitDuration = waitDuration;
				return this;
			}

			/**
			 * Set how much each further wait grows.
			 * @param multiplier 1.0 for a fixed wait, or more
			 * @return this builder
			 */
			public Builder multiplier(double multiplier) {
				this.multiplier = multiplier;
				return this;
			}

			/**
			 * Set the longest wait between two attempts.
			 * @param maxWaitDuration a positive duration
			 * @return this builder
			 */
			public Builder maxWaitDuration(Duration maxWaitDuration) {
				this.maxWaitDuration = maxWaitDuration;
				return this;
			}

			/**
			 * Set the random spread of each wait.
			 * @param jitter at least 0 and below 1
			 * @return this builder
			 */
			public Builder jitter(double jitter) {
				this.jitter = jitter;
				return this;
			}

			/**
			 * Set the response statuses that are retried, replacing the current ones.
			 * @param retryOnStatus HTTP statuses, from 100 to 599
			 * @return this builder
			 */
			public Builder retryOnStatus(Collection<Integer> retryOnStatus) {
				this.retryOnStatus = Set.copyOf(retryOnStatus);
				return this;
			}

			/**
			 * Set whether POST and PATCH are retried after the server may have acted on them.
			 * @param retryNonIdempotent {@code true} to retry them
			 * @return this builder
			 */
			public Builder retryNonIdempotent(boolean retryNonIdempotent) {
				this.retryNonIdempotent = retryNonIdempotent;
				return this;
			}

			/**
			 * Set whether a {@code Retry-After} header sets the next wait.
			 * @param respectRetryAfter {@code false} to ignore the header
			 * @return this builder
			 */
			public Builder respectRetryAfter(boolean respectRetryAfter) {
				this.respectRetryAfter = respectRetryAfter;
				return this;
			}

			/**
			 * Use the attempts and waits of an existing Resilience4j retry instance.
			 * @param instance the instance's name, or {@code null} for these settings' own
			 * @return this builder
			 */
			public Builder instance(String instance) {
				this.instance = instance;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public RetrySettings build() {
				return new RetrySettings(this.enabled, this.maxAttempts, this.waitDuration, this.multiplier,
						this.maxWaitDuration, this.jitter, this.retryOnStatus, this.retryNonIdempotent,
						this.respectRetryAfter, this.instance);
			}

		}

	}

	/**
	 * Circuit breaker settings: a count-based sliding window of calls; off by default.
	 *
	 * @param enabled whether calls pass through a circuit breaker
	 * @param failureRateThreshold the failure percentage that opens the circuit
	 * @param slidingWindowSize how many recent calls the failure rate is computed over
	 * @param minimumNumberOfCalls how many calls are needed before the rate counts
	 * @param waitDurationInOpenState how long the circuit stays open before half-open
	 * @param permittedNumberOfCallsInHalfOpenState how many trial calls half-open allows
	 * @param instance the name of an existing Resilience4j circuit breaker whose
	 * configuration to use instead, or {@code null}
	 * @since 0.1.0
	 */
	public record CircuitBreakerSettings(boolean enabled, float failureRateThreshold, int slidingWindowSize,
			int minimumNumberOfCalls, Duration waitDurationInOpenState, int permittedNumberOfCallsInHalfOpenState,
			String instance) {

		/** The built-in circuit breaker settings: off; 50% of the last 20 calls, 10 at least. */
		public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(false, 50, 20, 10,
				Duration.ofSeconds(30), 3, null);

		/**
		 * Create circuit breaker settings, checking every value; prefer {@link #builder()}.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public CircuitBreakerSettings {
			if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
				throw invalid(null, "circuit-breaker.failure-rate-threshold",
						"must be above 0 and at most 100 but was " + failureRateThreshold,
						"Set it to a percentage such as 50.");
			}
			atLeast(null, "circuit-breaker.sliding-window-size", slidingWindowSize, 1);
			atLeast(null, "circuit-breaker.minimum-number-of-calls", minimumNumberOfCalls, 1);
			positive(null, "circuit-breaker.wait-duration-in-open-state", waitDurationInOpenState);
			atLeast(null, "circuit-breaker.permitted-number-of-calls-in-half-open-state",
					permittedNumberOfCallsInHalfOpenState, 1);
		}

		/**
		 * Start circuit breaker settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link CircuitBreakerSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private boolean enabled;

			private float failureRateThreshold;

			private int slidingWindowSize;

			private int minimumNumberOfCalls;

			private Duration waitDurationInOpenState;

			private int permittedNumberOfCallsInHalfOpenState;

			private String instance;

			private Builder(CircuitBreakerSettings settings) {
				this.enabled = settings.enabled;
				this.failureRateThreshold = settings.failureRateThreshold;
				this.slidingWindowSize = settings.slidingWindowSize;
				this.minimumNumberOfCalls = settings.minimumNumberOfCalls;
				this.waitDurationInOpenState = settings.waitDurationInOpenState;
				this.permittedNumberOfCallsInHalfOpenState = settings.permittedNumberOfCallsInHalfOpenState;
				this.instance = settings.instance;
			}

			/**
			 * Turn the circuit breaker on or off.
			 * @param enabled {@code true} to pass calls through a circuit breaker
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Set the failure percentage that opens the circuit.
			 * @param failureRateThreshold above 0 and at most 100
			 * @return this builder
			 */
			public Builder failureRateThreshold(float failureRateThreshold) {
				this.failureRateThreshold = failureRateThreshold;
				return this;
			}

			/**
			 * Set how many recent calls the failure rate is computed over.
			 * @param slidingWindowSize at least 1
			 * @return this builder
			 */
			public Builder slidingWindowSize(int slidingWindowSize) {
				this.slidingWindowSize = slidingWindowSize;
				return this;
			}

			/**
			 * Set how many calls are needed before the failure rate counts.
			 * @param minimumNumberOfCalls at least 1
			 * @return this builder
			 */
			public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
				this.minimumNumberOfCalls = minimumNumberOfCalls;
				return this;
			}

			/**
			 * Set how long the circuit stays open before trial calls.
			 * @param waitDurationInOpenState a positive duration
			 * @return this builder
			 */
			public Builder waitDurationInOpenState(Duration waitDurationInOpenState) {
				this.waitDurationInOpenState = waitDurationInOpenState;
				return this;
			}

			/**
			 * Set how many trial calls half-open allows.
			 * @param permittedNumberOfCallsInHalfOpenState at least 1
			 * @return this builder
			 */
			public Builder permittedNumberOfCallsInHalfOpenState(int permittedNumberOfCallsInHalfOpenState) {
				this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
				return this;
			}

			/**
			 * Use the configuration of an existing Resilience4j circuit breaker.
			 * @param instance the instance's name, or {@code null} for these settings' own
			 * @return this builder
			 */
			public Builder instance(String instance) {
				this.instance = instance;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public CircuitBreakerSettings build() {
				return new CircuitBreakerSettings(this.enabled, this.failureRateThreshold, this.slidingWindowSize,
						this.minimumNumberOfCalls, this.waitDurationInOpenState,
						this.permittedNumberOfCallsInHalfOpenState, this.instance);
			}

		}

	}

	/**
	 * Bulkhead settings: a limit on concurrent calls; off by default. A call finding no free
	 * slot is rejected at once: waiting for one would block a thread of the reactive chain.
	 *
	 * @param enabled whether calls pass through a bulkhead
	 * @param maxConcurrentCalls the most calls in flight at once
	 * @param instance the name of an existing Resilience4j bulkhead whose configuration to
	 * use instead, or {@code null}
	 * @since 0.1.0
	 */
	public record BulkheadSettings(boolean enabled, int maxConcurrentCalls, String instance) {

		/** The built-in bulkhead settings: off; 25 calls. */
		public static final BulkheadSettings DEFAULTS = new BulkheadSettings(false, 25, null);

		/**
		 * Create bulkhead settings, checking every value.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public BulkheadSettings {
			atLeast(null, "bulkhead.max-concurrent-calls", maxConcurrentCalls, 1);
		}

		/**
		 * Start bulkhead settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link BulkheadSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private boolean enabled;

			private int maxConcurrentCalls;

			private String instance;

			private Builder(BulkheadSettings settings) {
				this.enabled = settings.enabled;
				this.maxConcurrentCalls = settings.maxConcurrentCalls;
				this.instance = settings.instance;
			}

			/**
			 * Turn the bulkhead on or off.
			 * @param enabled {@code true} to limit concurrent calls
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Set the most calls in flight at once.
			 * @param maxConcurrentCalls at least 1
			 * @return this builder
			 */
			public Builder maxConcurrentCalls(int maxConcurrentCalls) {
				this.maxConcurrentCalls = maxConcurrentCalls;
				return this;
			}

			/**
			 * Use the configuration of an existing Resilience4j bulkhead.
			 * @param instance the instance's name, or {@code null} for these settings' own
			 * @return this builder
			 */
			public Builder instance(String instance) {
				this.instance = instance;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public BulkheadSettings build() {
				return new BulkheadSettings(this.enabled, this.maxConcurrentCalls, this.instance);
			}

		}

	}

	/**
	 * Rate limiter settings: at most so many calls per period; off by default.
	 *
	 * @param enabled whether calls pass through a rate limiter
	 * @param limitForPeriod the calls allowed per period
	 * @param limitRefreshPeriod the period
	 * @param timeoutDuration how long a call waits for permission before it is rejected
	 * @param instance the name of an existing Resilience4j rate limiter whose configuration
	 * to use instead, or {@code null}
	 * @since 0.1.0
	 */
	public record RateLimiterSettings(boolean enabled, int limitForPeriod, Duration limitRefreshPeriod,
			Duration timeoutDuration, String instance) {

		/** The built-in rate limiter settings: off; 50 calls a second, no waiting. */
		public static final RateLimiterSettings DEFAULTS = new RateLimiterSettings(false, 50, Duration.ofSeconds(1),
				Duration.ZERO, null);

		/**
		 * Create rate limiter settings, checking every value; prefer {@link #builder()}.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public RateLimiterSettings {
			atLeast(null, "rate-limiter.limit-for-period", limitForPeriod, 1);
			positive(null, "rate-limiter.limit-refresh-period", limitRefreshPeriod);
			notNegative(null, "rate-limiter.timeout-duration", timeoutDuration);
		}

		/**
		 * Start rate limiter settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link RateLimiterSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private boolean enabled;

			private int limitForPeriod;

			private Duration limitRefreshPeriod;

			private Duration timeoutDuration;

			private String instance;

			private Builder(RateLimiterSettings settings) {
				this.enabled = settings.enabled;
				this.limitForPeriod = settings.limitForPeriod;
				this.limitRefreshPeriod = settings.limitRefreshPeriod;
				this.timeoutDuration = settings.timeoutDuration;
				this.instance = settings.instance;
			}

			/**
			 * Turn the rate limiter on or off.
			 * @param enabled {@code true} to limit calls per period
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Set the calls allowed per period.
			 * @param limitForPeriod at least 1
			 * @return this builder
			 */
			public Builder limitForPeriod(int limitForPeriod) {
				this.limitForPeriod = limitForPeriod;
				return this;
			}

			/**
			 * Set the period.
			 * @param limitRefreshPeriod a positive duration
			 * @return this builder
			 */
			public Builder limitRefreshPeriod(Duration limitRefreshPeriod) {
				this.limitRefreshPeriod = limitRefreshPeriod;
				return this;
			}

			/**
			 * Set how long a call waits for permission before it is rejected.
			 * @param timeoutDuration zero to reject at once, or a positive duration
			 * @return this builder
			 */
			public Builder timeoutDuration(Duration timeoutDuration) {
				this.timeoutDuration = timeoutDuration;
				return this;
			}

			/**
			 * Use the configuration of an existing Resilience4j rate limiter.
			 * @param instance the instance's name, or {@code null} for these settings' own
			 * @return this builder
			 */
			public Builder instance(String instance) {
				this.instance = instance;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public RateLimiterSettings build() {
				return new RateLimiterSettings(this.enabled, this.limitForPeriod, this.limitRefreshPeriod,
						this.timeoutDuration, this.instance);
			}

		}

	}

	/**
	 * Health settings, read by the health contributor.
	 *
	 * @param failureThreshold consecutive failed calls after which the client is down
	 * @param required whether the client being down takes the application down
	 * @param probePath a path to probe actively with a GET, or {@code null} for none
	 * @param probeInterval the least time between two probes; results are reused meanwhile
	 * @param probeTimeout the deadline of one probe
	 * @since 0.1.0
	 */
	public record HealthSettings(int failureThreshold, boolean required, String probePath, Duration probeInterval,
			Duration probeTimeout) {

		/** The built-in health settings: down after 3 failures, optional, no probe. */
		public static final HealthSettings DEFAULTS = new HealthSettings(3, false, null, Duration.ofSeconds(10),
				Duration.ofSeconds(2));

		/**
		 * Create health settings, checking every value; prefer {@link #builder()}.
		 * @throws ConfigurationException naming the first invalid value
		 */
		public HealthSettings {
			atLeast(null, "health.failure-threshold", failureThreshold, 1);
			positive(null, "health.probe.interval", probeInterval);
			positive(null, "health.probe.timeout", probeTimeout);
		}

		/**
		 * Start health settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link HealthSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private int failureThreshold;

			private boolean required;

			private String probePath;

			private Duration probeInterval;

			private Duration probeTimeout;

			private Builder(HealthSettings settings) {
				this.failureThreshold = settings.failureThreshold;
				this.required = settings.required;
				this.probePath = settings.probePath;
				this.probeInterval = settings.probeInterval;
				this.probeTimeout = settings.probeTimeout;
			}

			/**
			 * Set the consecutive failed calls after which the client is down.
			 * @param failureThreshold at least 1
			 * @return this builder
			 */
			public Builder failureThreshold(int failureThreshold) {
				this.failureThreshold = failureThreshold;
				return this;
			}

			/**
			 * Set whether the client being down takes the application down.
			 * @param required {@code true} for a client the application cannot do without
			 * @return this builder
			 */
			public Builder required(boolean required) {
				this.required = required;
				return this;
			}

			/**
			 * Set a path to probe actively with a GET.
			 * @param probePath the path, or {@code null} for passive health only
			 * @return this builder
			 */
			public Builder probePath(String probePath) {
				this.probePath = probePath;
				return this;
			}

			/**
			 * Set the least time between two probes.
			 * @param probeInterval a positive duration
			 * @return this builder
			 */
			public Builder probeInterval(Duration probeInterval) {
				this.probeInterval = probeInterval;
				return this;
			}

			/**
			 * Set the deadline of one probe.
			 * @param probeTimeout a positive duration
			 * @return this builder
			 */
			public Builder probeTimeout(Duration probeTimeout) {
				this.probeTimeout = probeTimeout;
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 * @throws ConfigurationException naming the first invalid value
			 */
			public HealthSettings build() {
				return new HealthSettings(this.failureThreshold, this.required, this.probePath, this.probeInterval,
						this.probeTimeout);
			}

		}

	}

	/**
	 * Batch settings.
	 *
	 * @param maxConcurrency the most requests of one batch in flight at once
	 * @since 0.1.0
	 */
	public record BatchSettings(int maxConcurrency) {

		/** The built-in batch settings: 16 in flight. */
		public static final BatchSettings DEFAULTS = new BatchSettings(16);

		/**
		 * Create batch settings, checking the value.
		 * @throws ConfigurationException if the value is invalid
		 */
		public BatchSettings {
			atLeast(null, "batch.max-concurrency", maxConcurrency, 1);
		}

	}

	/**
	 * Request logging settings.
	 *
	 * @param level how much of each call is logged
	 * @param redactHeaders the headers whose values are masked, matched ignoring case
	 * @param redactQueryParams the query parameters whose values are masked wherever a URI
	 * is shown (log lines, exception messages, observation tags), matched ignoring case
	 * @since 0.1.0
	 */
	public record LoggingSettings(LogLevel level, Set<String> redactHeaders, Set<String> redactQueryParams) {

		/** The built-in logging settings: none, with credentials, cookies and secret query parameters masked. */
		public static final LoggingSettings DEFAULTS = new LoggingSettings(LogLevel.NONE,
				Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"),
				Set.of("access_token", "api_key", "apikey", "token", "key", "signature", "sig", "password",
						"client_secret"));

		/**
		 * Create logging settings; the header names are copied into a read-only set.
		 */
		public LoggingSettings {
			Objects.requireNonNull(level, "level must not be null");
			redactHeaders = (redactHeaders != null) ? Set.copyOf(redactHeaders) : Set.of();
			redactQueryParams = (redactQueryParams != null) ? Set.copyOf(redactQueryParams) : Set.of();
		}

		/**
		 * Start logging settings from the built-in values.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public static Builder builder() {
			return DEFAULTS.toBuilder();
		}

		/**
		 * Return a builder initialised with these settings.
		 * @return a new builder
		 * @since 0.1.0
		 */
		public Builder toBuilder() {
			return new Builder(this);
		}

		/**
		 * Builds {@link LoggingSettings}. Not thread-safe.
		 *
		 * @since 0.1.0
		 */
		public static final class Builder {

			private LogLevel level;

			private Set<String> redactHeaders;

			private Set<String> redactQueryParams;

			private Builder(LoggingSettings settings) {
				this.level = settings.level;
				this.redactHeaders = settings.redactHeaders;
				this.redactQueryParams = settings.redactQueryParams;
			}

			/**
			 * Set how much of each call is logged.
			 * @param level the level
			 * @return this builder
			 */
			public Builder level(LogLevel level) {
				this.level = level;
				return this;
			}

			/**
			 * Set the headers whose values are masked, replacing the current ones.
			 * @param redactHeaders header names, matched ignoring case
			 * @return this builder
			 */
			public Builder redactHeaders(Collection<String> redactHeaders) {
				this.redactHeaders = Set.copyOf(redactHeaders);
				return this;
			}

			/**
			 * Set the query parameters whose values are masked, replacing the current ones.
			 * @param redactQueryParams parameter names, matched ignoring case
			 * @return this builder
			 */
			public Builder redactQueryParams(Collection<String> redactQueryParams) {
				this.redactQueryParams = Set.copyOf(redactQueryParams);
				return this;
			}

			/**
			 * Build the settings.
			 * @return the settings
			 */
			public LoggingSettings build() {
				return new LoggingSettings(this.level, this.redactHeaders, this.redactQueryParams);
			}

		}

	}

	/**
	 * Observation settings.
	 *
	 * @param enabled whether calls of the client are observed (given an observation
	 * registry)
	 * @since 0.1.0
	 */
	public record ObservationSettings(boolean enabled) {

		/** The built-in observation settings: observed. */
		public static final ObservationSettings DEFAULTS = new ObservationSettings(true);

	}

	/**
	 * TLS settings. Certificates and host names are always verified.
	 *
	 * @param bundle the name of the Spring Boot SSL bundle ({@code spring.ssl.bundle.*})
	 * with the trust material and, for mutual TLS, the client certificate; {@code null}
	 * for the JDK's trust store
	 * @since 0.1.0
	 */
	public record SslSettings(String bundle) {

		/** The JDK's trust store, no client certificate. */
		public static final SslSettings DEFAULTS = new SslSettings(null);

	}

	/**
	 * HTTP/2 settings.
	 *
	 * @param enabled whether HTTP/2 is offered over TLS (negotiated with ALPN, HTTP/1.1
	 * otherwise)
	 * @param cleartext whether plain {@code http} URLs speak HTTP/2 with prior knowledge
	 * (h2c) instead of HTTP/1.1
	 * @since 0.1.0
	 */
	public record Http2Settings(boolean enabled, boolean cleartext) {

		/** HTTP/1.1 only. */
		public static final Http2Settings DEFAULTS = new Http2Settings(false, false);

	}

	/**
	 * Settings of the {@code sdk} transport, which wraps a vendor's Java SDK client.
	 *
	 * @param provider the SDK the client wraps, the {@code provider()} of an
	 * {@code SdkClientFactory} such as {@code openai} or {@code anthropic}; {@code null} to
	 * use the only one registered
	 * @since 0.1.0
	 */
	public record SdkSettings(String provider) {

		/** No provider named. */
		public static final SdkSettings DEFAULTS = new SdkSettings(null);

	}

	/**
	 * WebSocket settings, for clients of the {@code websocket} transport.
	 *
	 * @param pingInterval how often an open WebSocket sends a ping, which keeps it alive
	 * through proxies and proves the peer still there (its pong counts as traffic for
	 * {@code stream.idle-timeout}); {@link Duration#ZERO} for no pings
	 * @since 0.1.0
	 */
	public record WebSocketSettings(Duration pingInterval) {

		/** The built-in WebSocket settings: a ping every 20 seconds. */
		public static final WebSocketSettings DEFAULTS = new WebSocketSettings(Duration.ofSeconds(20));

		/**
		 * Create WebSocket settings, checking the value.
		 * @throws ConfigurationException if the value is invalid
		 */
		public WebSocketSettings {
			if (pingInterval == null || pingInterval.isNegative()) {
				throw invalid(null, "websocket.ping-interval", "must not be negative but was " + pingInterval,
						"Set it to a duration such as 20s, or to 0 for no pings.");
			}
		}

	}

	/**
	 * How much of each call is logged.
	 *
	 * @since 0.1.0
	 */
	public enum LogLevel {

		/** Nothing. */
		NONE,

		/** The request line, status, duration and attempts. */
		BASIC,

		/** As {@link #BASIC}, with request and response headers, sensitive ones masked. */
		HEADERS,

		/** As {@link #HEADERS}, with a bounded excerpt of the bodies. */
		BODY

	}

	/**
	 * Builds {@link ClientSettings}; values are checked when the settings are built. Not
	 * thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String name;

		private String transport = DEFAULT_TRANSPORT;

		private URI baseUrl;

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration attemptTimeout;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration readTimeout;

		private int maxInMemorySize = DEFAULT_MAX_IN_MEMORY_SIZE;

		private final HttpHeaders headers = new HttpHeaders();

		private PoolSettings pool = PoolSettings.DEFAULTS;

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULTS;

		private BulkheadSettings bulkhead = BulkheadSettings.DEFAULTS;

		private RateLimiterSettings rateLimiter = RateLimiterSettings.DEFAULTS;

		private BatchSettings batch = BatchSettings.DEFAULTS;

		private StreamSettings stream = StreamSettings.DEFAULTS;

		private LoggingSettings logging = LoggingSettings.DEFAULTS;

		private ObservationSettings observation = ObservationSettings.DEFAULTS;

		private HealthSettings health = HealthSettings.DEFAULTS;

		private AuthSettings auth = AuthSettings.DEFAULTS;

		private SslSettings ssl = SslSettings.DEFAULTS;

		private ProxySettings proxy = ProxySettings.DEFAULTS;

		private boolean compression = true;

		private Http2Settings http2 = Http2Settings.DEFAULTS;

		private boolean followRedirects;

		private SdkSettings sdk = SdkSettings.DEFAULTS;
		private WebSocketSettings websocket = WebSocketSettings.DEFAULTS;

		private Builder(String name) {
			checkName(name);
			this.name = name;
		}

		private Builder(ClientSettings settings) {
			this.name = settings.name;
			this.transport = settings.transport;
			this.baseUrl = settings.baseUrl;
			this.timeout = settings.timeout;
			this.attemptTimeout = settings.attemptTimeout;
			this.connectTimeout = settings.connectTimeout;
			this.readTimeout = settings.readTimeout;
			this.maxInMemorySize = settings.maxInMemorySize;
			settings.headers.forEach(this.headers::addAll);
			this.pool = settings.pool;
			this.retry = settings.retry;
			this.circuitBreaker = settings.circuitBreaker;
			this.bulkhead = settings.bulkhead;
			this.rateLimiter = settings.rateLimiter;
			this.batch = settings.batch;
			this.stream = settings.stream;
			this.logging = settings.logging;
			this.observation = settings.observation;
			this.health = settings.health;
			this.auth = settings.auth;
			this.ssl = settings.ssl;
			this.proxy = settings.proxy;
			this.compression = settings.compression;
			this.http2 = settings.http2;
			this.followRedirects = settings.followRedirects;
			this.sdk = settings.sdk;
			this.websocket = settings.websocket;
		}

		/**
		 * Set the transport type.
		 * @param transport the type name of a registered {@code TransportFactory}
		 * @return this builder
		 */
		public Builder transport(String transport) {
			this.transport = Objects.requireNonNull(transport, "transport must not be null");
			return this;
		}

		/**
		 * Set the base URL that request paths resolve against.
		 * @param baseUrl an absolute URL, or {@code null} for none
		 * @return this builder
		 */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the base URL that request paths resolve against.
		 * @param baseUrl an absolute URL, or {@code null} for none
		 * @return this builder
		 * @throws ConfigurationException naming {@code base-url} if it is not an absolute URL
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = (baseUrl != null) ? parseUrl(this.name, "base-url", baseUrl) : null;
			return this;
		}

		/**
		 * Set the overall deadline of one call, all attempts included.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
			return this;
		}

		/**
		 * Set the deadline of one attempt.
		 * @param attemptTimeout a positive duration, or {@code null} for none
		 * @return this builder
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * Set how long to wait for a connection to be established.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
			return this;
		}

		/**
		 * Set the longest time without reading any data from the connection during an
		 * attempt.
		 * @param readTimeout a positive duration, or {@code null} for none
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Add a header sent with every request.
		 * @param name the header name
		 * @param values the values
		 * @return this builder
		 */
		public Builder header(String name, String... values) {
			this.headers.put(name, List.of(values));
			return this;
		}

		/**
		 * Add headers sent with every request; each replaces a header of the same name.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder headers(Map<String, ? extends Collection<String>> headers) {
			headers.forEach((name, values) -> this.headers.put(name, List.copyOf(values)));
			return this;
		}

		/**
		 * Add headers sent with every request; each replaces a header of the same name.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder headers(HttpHeaders headers) {
			// not a Map on Framework 7
			headers.forEach((name, values) -> this.headers.put(name, List.copyOf(values)));
			return this;
		}

		/**
		 * Set the largest response body, in bytes, held in memory.
		 * @param maxInMemorySize a positive number of bytes
		 * @return this builder
		 */
		public Builder maxInMemorySize(int maxInMemorySize) {
			this.maxInMemorySize = maxInMemorySize;
			return this;
		}

		/**
		 * Set the connection pool settings.
		 * @param pool the pool settings
		 * @return this builder
		 */
		public Builder pool(PoolSettings pool) {
			this.pool = Objects.requireNonNull(pool, "pool must not be null");
			return this;
		}

		/**
		 * Set the retry settings.
		 * @param retry the retry settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry must not be null");
			return this;
		}

		/**
		 * Set the circuit breaker settings.
		 * @param circuitBreaker the circuit breaker settings
		 * @return this builder
		 */
		public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
			this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
			return this;
		}

		/**
		 * Set the bulkhead settings.
		 * @param bulkhead the bulkhead settings
		 * @return this builder
		 */
		public Builder bulkhead(BulkheadSettings bulkhead) {
			this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead must not be null");
			return this;
		}

		/**
		 * Set the rate limiter settings.
		 * @param rateLimiter the rate limiter settings
		 * @return this builder
		 */
		public Builder rateLimiter(RateLimiterSettings rateLimiter) {
			this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter must not be null");
			return this;
		}

		/**
		 * Set the batch settings.
		 * @param batch the batch settings
		 * @return this builder
		 */
		public Builder batch(BatchSettings batch) {
			this.batch = Objects.requireNonNull(batch, "batch must not be null");
			return this;
		}

		/**
		 * Set the streaming settings.
		 * @param stream the streaming settings
		 * @return this builder
		 */
		public Builder stream(StreamSettings stream) {
			this.stream = Objects.requireNonNull(stream, "stream must not be null");
			return this;
		}

		/**
		 * Set the request logging settings.
		 * @param logging the logging settings
		 * @return this builder
		 */
		public Builder logging(LoggingSettings logging) {
			this.logging = Objects.requireNonNull(logging, "logging must not be null");
			return this;
		}

		/**
		 * Set the observation settings.
		 * @param observation the observation settings
		 * @return this builder
		 */
		public Builder observation(ObservationSettings observation) {
			this.observation = Objects.requireNonNull(observation, "observation must not be null");
			return this;
		}

		/**
		 * Turn observation of this client's calls on or off.
		 * @param observationEnabled {@code false} to record no observations
		 * @return this builder
		 */
		public Builder observationEnabled(boolean observationEnabled) {
			this.observation = new ObservationSettings(observationEnabled);
			return this;
		}

		/**
		 * Set the health settings.
		 * @param health the health settings
		 * @return this builder
		 */
		public Builder health(HealthSettings health) {
			this.health = Objects.requireNonNull(health, "health must not be null");
			return this;
		}

		/**
		 * Set how calls are authenticated.
		 * @param auth the auth settings
		 * @return this builder
		 */
		public Builder auth(AuthSettings auth) {
			this.auth = Objects.requireNonNull(auth, "auth must not be null");
			return this;
		}

		/**
		 * Set the TLS settings.
		 * @param ssl the TLS settings
		 * @return this builder
		 */
		public Builder ssl(SslSettings ssl) {
			this.ssl = Objects.requireNonNull(ssl, "ssl must not be null");
			return this;
		}

		/**
		 * Set the proxy to connect through.
		 * @param proxy the proxy settings, {@link ProxySettings#DEFAULTS} for none
		 * @return this builder
		 */
		public Builder proxy(ProxySettings proxy) {
			this.proxy = Objects.requireNonNull(proxy, "proxy must not be null");
			return this;
		}

		/**
		 * Set whether responses may be compressed.
		 * @param compression {@code false} not to ask for gzip
		 * @return this builder
		 */
		public Builder compression(boolean compression) {
			this.compression = compression;
			return this;
		}

		/**
		 * Set the HTTP/2 settings.
		 * @param http2 the HTTP/2 settings
		 * @return this builder
		 */
		public Builder http2(Http2Settings http2) {
			this.http2 = Objects.requireNonNull(http2, "http2 must not be null");
			return this;
		}

		/**
		 * Set whether redirects are followed.
		 * @param followRedirects {@code true} to follow them
		 * @return this builder
		 */
		public Builder followRedirects(boolean followRedirects) {
			this.followRedirects = followRedirects;
			return this;
		}

		/**
		 * Set the settings of the {@code sdk} transport.
		 * @param sdk the SDK settings
		 * @return this builder
		 */
		public Builder sdk(SdkSettings sdk) {
			this.sdk = Objects.requireNonNull(sdk, "sdk must not be null");
			return this;
		}

		/**
		 * Set the WebSocket settings.
		 * @param websocket the WebSocket settings
		 * @return this builder
		 */
		public Builder websocket(WebSocketSettings websocket) {
			this.websocket = Objects.requireNonNull(websocket, "websocket must not be null");
			return this;
		}

		/**
		 * Check every value and build the settings.
		 * @return the settings
		 * @throws ConfigurationException naming the first invalid value
		 */
		public ClientSettings build() {
			return new ClientSettings(this.name,
					this.transport,
					this.baseUrl,
					this.timeout,
					this.attemptTimeout,
					this.connectTimeout,
					this.readTimeout,
					this.maxInMemorySize,
					this.headers,
					this.pool,
					this.retry,
					this.circuitBreaker,
					this.bulkhead,
					this.rateLimiter,
					this.batch,
					this.stream,
					this.logging,
					this.observation,
					this.health,
					this.auth,
					this.ssl,
					this.proxy,
					this.compression,
					this.http2,
					this.followRedirects,
					this.sdk,
					this.websocket);
		}

	}

}
