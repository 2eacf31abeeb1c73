package dev.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.connector.ConfigurationException;

import org.springframework.http.HttpHeaders;

/**
 * The resolved, immutable settings of one client: what is left after the per-client
 * configuration has been merged over the defaults and the built-in values. Built once when
 * the client is created; the request path only reads it.
 * <p>
 * Property names in errors are the keys under {@code connector.clients.<name>}; the Spring
 * Boot integration validates the bound properties itself and names the full property.
 *
 * @since 0.1.0
 */
public final class ClientSettings {

	/** The built-in overall deadline of one call, all attempts included. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/** The built-in connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** The built-in maximum number of bytes of a response body held in memory: 1 MiB. */
	public static final int DEFAULT_MAX_IN_MEMORY_SIZE = 1024 * 1024;

	/** The built-in transport type. */
	public static final String DEFAULT_TRANSPORT = "http";

	private final String name;

	private final String transport;

	private final URI baseUrl;

	private final Duration timeout;

	private final Duration attemptTimeout;

	private final Duration connectTimeout;

	private final HttpHeaders headers;

	private final int maxInMemorySize;

	private final PoolSettings pool;

	private final RetrySettings retry;

	private final CircuitBreakerSettings circuitBreaker;

	private final BulkheadSettings bulkhead;

	private final RateLimiterSettings rateLimiter;

	private final BatchSettings batch;

	private final LoggingSettings logging;

	private final boolean observationEnabled;

	private final HealthSettings health;

	private ClientSettings(Builder builder) {
		this.name = builder.name;
		this.transport = builder.transport;
		this.baseUrl = builder.baseUrl;
		this.timeout = builder.timeout;
		this.attemptTimeout = builder.attemptTimeout;
		this.connectTimeout = builder.connectTimeout;
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(builder.headers);
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.maxInMemorySize = builder.maxInMemorySize;
		this.pool = builder.pool;
		this.retry = builder.retry;
		this.circuitBreaker = builder.circuitBreaker;
		this.bulkhead = builder.bulkhead;
		this.rateLimiter = builder.rateLimiter;
		this.batch = builder.batch;
		this.logging = builder.logging;
		this.observationEnabled = builder.observationEnabled;
		this.health = builder.health;
	}

	/**
	 * Start settings for the named client, with every value at its built-in default.
	 * @param name the client's name
	 * @return a new builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Return a builder initialised with these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this.name).transport(this.transport)
			.baseUrl(this.baseUrl)
			.timeout(this.timeout)
			.attemptTimeout(this.attemptTimeout)
			.connectTimeout(this.connectTimeout)
			.headers(this.headers)
			.maxInMemorySize(this.maxInMemorySize)
			.pool(this.pool)
			.retry(this.retry)
			.circuitBreaker(this.circuitBreaker)
			.bulkhead(this.bulkhead)
			.rateLimiter(this.rateLimiter)
			.batch(this.batch)
			.logging(this.logging)
			.observationEnabled(this.observationEnabled)
			.health(this.health);
	}

	/**
	 * Return the client's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the transport type, the name a {@code TransportFactory} registers under.
	 * @return the type, {@code http} by default
	 */
	public String transport() {
		return this.transport;
	}

	/**
	 * Return the base URL that request paths resolve against.
	 * @return the base URL, or {@code null} when requests use absolute URIs only
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Return the overall deadline of one call, all attempts and waits included.
	 * @return the timeout, {@link #DEFAULT_TIMEOUT} by default
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the deadline of one attempt.
	 * @return the attempt timeout, or {@code null} when only the overall timeout applies
	 */
	public Duration attemptTimeout() {
		return this.attemptTimeout;
	}

	/**
	 * Return how long to wait for a connection to be established.
	 * @return the connect timeout, {@link #DEFAULT_CONNECT_TIMEOUT} by default
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Return the headers added to every request of this client.
	 * @return read-only headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the largest response body, in bytes, held in memory.
	 * @return the limit, {@link #DEFAULT_MAX_IN_MEMORY_SIZE} by default
	 */
	public int maxInMemorySize() {
		return this.maxInMemorySize;
	}

	/**
	 * Return the connection pool settings.
	 * @return the pool settings
	 */
	public PoolSettings pool() {
		return this.pool;
	}

	/**
	 * Return the retry settings.
	 * @return the retry settings
	 */
	public RetrySettings retry() {
		return this.retry;
	}

	/**
	 * Return the circuit breaker settings.
	 * @return the circuit breaker settings
	 */
	public CircuitBreakerSettings circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Return the bulkhead settings.
	 * @return the bulkhead settings
	 */
	public BulkheadSettings bulkhead() {
		return this.bulkhead;
	}

	/**
	 * Return the rate limiter settings.
	 * @return the rate limiter settings
	 */
	public RateLimiterSettings rateLimiter() {
		return this.rateLimiter;
	}

	/**
	 * Return the batch settings.
	 * @return the batch settings
	 */
	public BatchSettings batch() {
		return this.batch;
	}

	/**
	 * Return the request logging settings.
	 * @return the logging settings
	 */
	public LoggingSettings logging() {
		return this.logging;
	}

	/**
	 * Return whether calls of this client are observed (given an observation registry).
	 * @return {@code true} by default
	 */
	public boolean observationEnabled() {
		return this.observationEnabled;
	}

	/**
	 * Return the health settings.
	 * @return the health settings
	 */
	public HealthSettings health() {
		return this.health;
	}

	@Override
	public String toString() {
		return "ClientSettings[name=" + this.name + ", transport=" + this.transport + ", baseUrl=" + this.baseUrl
				+ ", timeout=" + this.timeout + ", attemptTimeout=" + this.attemptTimeout + ", connectTimeout="
				+ this.connectTimeout + ", headers=" + this.headers.keySet() + ", maxInMemorySize="
				+ this.maxInMemorySize + ", " + this.pool + ", " + this.retry + ", " + this.circuitBreaker + ", "
				+ this.bulkhead + ", " + this.rateLimiter + ", " + this.batch + ", "
				+ this.logging + ", observationEnabled=" + this.observationEnabled + ", " + this.health + "]";
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
		 * Create retry settings; the statuses are copied into an ordered, read-only set.
		 */
		public RetrySettings {
			retryOnStatus = (retryOnStatus != null) ? Set.copyOf(new TreeSet<>(retryOnStatus)) : Set.of();
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

	}

	/**
	 * Request logging settings.
	 *
	 * @param level how much of each call is logged
	 * @param redactHeaders the headers whose values are masked, matched ignoring case
	 * @since 0.1.0
	 */
	public record LoggingSettings(LogLevel level, Set<String> redactHeaders) {

		/** The built-in logging settings: none, with credentials and cookies masked. */
		public static final LoggingSettings DEFAULTS = new LoggingSettings(LogLevel.NONE,
				Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"));

		/**
		 * Create logging settings; the header names are copied into a read-only set.
		 */
		public LoggingSettings {
			Objects.requireNonNull(level, "level must not be null");
			redactHeaders = (redactHeaders != null) ? Set.copyOf(redactHeaders) : Set.of();
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
	 * Builds {@link ClientSettings}, checking every value. Not thread-safe.
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

		private final HttpHeaders headers = new HttpHeaders();

		private int maxInMemorySize = DEFAULT_MAX_IN_MEMORY_SIZE;

		private PoolSettings pool = PoolSettings.DEFAULTS;

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULTS;

		private BulkheadSettings bulkhead = BulkheadSettings.DEFAULTS;

		private RateLimiterSettings rateLimiter = RateLimiterSettings.DEFAULTS;

		private BatchSettings batch = BatchSettings.DEFAULTS;

		private LoggingSettings logging = LoggingSettings.DEFAULTS;

		private boolean observationEnabled = true;

		private HealthSettings health = HealthSettings.DEFAULTS;

		private Builder(String name) {
			if (name == null || name.isBlank()) {
				throw new ConfigurationException(name, "name", "a client needs a non-blank name",
						"Give the client a name such as 'payments'.");
			}
			this.name = name;
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
		 * Set the request logging settings.
		 * @param logging the logging settings
		 * @return this builder
		 */
		public Builder logging(LoggingSettings logging) {
			this.logging = Objects.requireNonNull(logging, "logging must not be null");
			return this;
		}

		/**
		 * Turn observation of this client's calls on or off.
		 * @param observationEnabled {@code false} to record no observations
		 * @return this builder
		 */
		public Builder observationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
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
		 * Check every value and build the settings.
		 * @return the settings
		 * @throws ConfigurationException naming the first invalid value
		 */
		public ClientSettings build() {
			positive("timeout", this.timeout);
			if (this.attemptTimeout != null) {
				positive("attempt-timeout", this.attemptTimeout);
			}
			positive("connect-timeout", this.connectTimeout);
			atLeast("max-in-memory-size", this.maxInMemorySize, 1);
			atLeast("pool.max-connections", this.pool.maxConnections(), 1);
			positive("pool.pending-acquire-timeout", this.pool.pendingAcquireTimeout());
			positive("pool.max-idle-time", this.pool.maxIdleTime());
			atLeast("retry.max-attempts", this.retry.maxAttempts(), 1);
			positive("retry.wait-duration", this.retry.waitDuration());
			positive("retry.max-wait-duration", this.retry.maxWaitDuration());
			if (this.retry.multiplier() < 1.0) {
				throw invalid("retry.multiplier", "must be at least 1.0 but was " + this.retry.multiplier(),
						"Set it to 1.0 for a fixed wait or more for an exponential backoff.");
			}
			if (this.retry.jitter() < 0 || this.retry.jitter() >= 1) {
				throw invalid("retry.jitter", "must be at least 0 and below 1 but was " + this.retry.jitter(),
						"Set it to 0 for no jitter, or a fraction such as 0.5.");
			}
			for (int status : this.retry.retryOnStatus()) {
				if (status < 100 || status > 599) {
					throw invalid("retry.retry-on-status", "contains " + status + ", which is not an HTTP status",
							"List statuses between 100 and 599, such as [429, 503].");
				}
			}
			if (this.circuitBreaker.failureRateThreshold() <= 0 || this.circuitBreaker.failureRateThreshold() > 100) {
				throw invalid("circuit-breaker.failure-rate-threshold",
						"must be above 0 and at most 100 but was " + this.circuitBreaker.failureRateThreshold(),
						"Set it to a percentage such as 50.");
			}
			atLeast("circuit-breaker.sliding-window-size", this.circuitBreaker.slidingWindowSize(), 1);
			atLeast("circuit-breaker.minimum-number-of-calls", this.circuitBreaker.minimumNumberOfCalls(), 1);
			positive("circuit-breaker.wait-duration-in-open-state", this.circuitBreaker.waitDurationInOpenState());
			atLeast("circuit-breaker.permitted-number-of-calls-in-half-open-state",
					this.circuitBreaker.permittedNumberOfCallsInHalfOpenState(), 1);
			atLeast("bulkhead.max-concurrent-calls", this.bulkhead.maxConcurrentCalls(), 1);
			atLeast("rate-limiter.limit-for-period", this.rateLimiter.limitForPeriod(), 1);
			positive("rate-limiter.limit-refresh-period", this.rateLimiter.limitRefreshPeriod());
			notNegative("rate-limiter.timeout-duration", this.rateLimiter.timeoutDuration());
			atLeast("batch.max-concurrency", this.batch.maxConcurrency(), 1);
			atLeast("health.failure-threshold", this.health.failureThreshold(), 1);
			positive("health.probe.interval", this.health.probeInterval());
			positive("health.probe.timeout", this.health.probeTimeout());
			return new ClientSettings(this);
		}

		private void positive(String property, Duration value) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw invalid(property, "must be a positive duration but was " + value,
						"Set it to a positive duration such as 2s or 500ms.");
			}
		}

		private void notNegative(String property, Duration value) {
			if (value == null || value.isNegative()) {
				throw invalid(property, "must not be negative but was " + value,
						"Set it to 0 for no waiting, or a duration such as 500ms.");
			}
		}

		private void atLeast(String property, int value, int min) {
			if (value < min) {
				throw invalid(property, "must be at least " + min + " but was " + value,
						"Set it to " + min + " or more.");
			}
		}

		private ConfigurationException invalid(String property, String problem, String action) {
			return new ConfigurationException(this.name, property, problem, action);
		}

		static URI parseUrl(String name, String property, String url) {
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

	}

}
