package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.connector.config.ClientSettings.LogLevel;

import org.springframework.util.unit.DataSize;

/**
 * The settings of one client, or the defaults of all clients: the same keys under
 * {@code connector.defaults} and {@code connector.clients.<name>}. An unset value inherits
 * from the level above.
 *
 * @since 0.1.0
 */
public class ClientProperties {

	/**
	 * Transport type: 'http' (WebClient) or the type of a registered TransportFactory
	 * bean. Built-in default: http.
	 */
	private String transport;

	/**
	 * Base URL that request paths resolve against, such as http://localhost:8081. Required
	 * for http clients.
	 */
	private String baseUrl;

	/**
	 * URL of a message-oriented upstream, such as a WebSocket endpoint; used as the base
	 * URL when base-url is not set.
	 */
	private String url;

	/**
	 * Overall deadline of one call, all attempts and waits included. Built-in default: 10s.
	 */
	private Duration timeout;

	/**
	 * Deadline of one attempt. Unset: only the overall timeout applies.
	 */
	private Duration attemptTimeout;

	/**
	 * How long to wait for a connection to be established. Built-in default: 2s.
	 */
	private Duration connectTimeout;

	/**
	 * Headers sent with every request. Defaults and client headers merge by name; a
	 * request's own header of the same name wins.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Largest response body held in memory; a larger body fails the call. Built-in
	 * default: 1MB.
	 */
	private DataSize maxInMemorySize;

	/**
	 * Retry settings.
	 */
	private final Retry retry = new Retry();

	/**
	 * Batch settings.
	 */
	private final Batch batch = new Batch();

	/**
	 * Connection pool settings.
	 */
	private final Pool pool = new Pool();

	/**
	 * Request logging settings.
	 */
	private final Logging logging = new Logging();

	public String getTransport() {
		return this.transport;
	}

	public void setTransport(String transport) {
		this.transport = transport;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = attemptTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Batch getBatch() {
		return this.batch;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Logging getLogging() {
		return this.logging;
	}

	/**
	 * Retry settings.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried. Built-in default: true.
		 */
		private Boolean enabled;

		/**
		 * Most attempts per call, the first included. Built-in default: 3.
		 */
		private Integer maxAttempts;

		/**
		 * Wait before the second attempt. Built-in default: 100ms.
		 */
		private Duration waitDuration;

		/**
		 * Factor by which each further wait grows. Built-in default: 2.0.
		 */
		private Double multiplier;

		/**
		 * Longest wait between two attempts. Built-in default: 2s.
		 */
		private Duration maxWaitDuration;

		/**
		 * Random spread of each wait, from 0 (none) to 1. Built-in default: 0.5.
		 */
		private Double jitter;

		/**
		 * Response statuses that are retried; replaces the inherited list. Built-in default:
		 * 429, 502, 503, 504.
		 */
		private List<Integer> retryOnStatus;

		/**
		 * Whether POST and PATCH are retried after the server may have acted on them.
		 * Built-in default: false.
		 */
		private Boolean retryNonIdempotent;

		/**
		 * Whether a Retry-After header sets the next wait. Built-in default: true.
		 */
		private Boolean respectRetryAfter;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getWaitDuration() {
			return this.waitDuration;
		}

		public void setWaitDuration(Duration waitDuration) {
			this.waitDuration = waitDuration;
		}

		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxWaitDuration() {
			return this.maxWaitDuration;
		}

		public void setMaxWaitDuration(Duration maxWaitDuration) {
			this.maxWaitDuration = maxWaitDuration;
		}

		public Double getJitter() {
			return this.jitter;
		}

		public void setJitter(Double jitter) {
			this.jitter = jitter;
		}

		public List<Integer> getRetryOnStatus() {
			return this.retryOnStatus;
		}

		public void setRetryOnStatus(List<Integer> retryOnStatus) {
			this.retryOnStatus = retryOnStatus;
		}

		public Boolean getRetryNonIdempotent() {
			return this.retryNonIdempotent;
		}

		public void setRetryNonIdempotent(Boolean retryNonIdempotent) {
			this.retryNonIdempotent = retryNonIdempotent;
		}

		public Boolean getRespectRetryAfter() {
			return this.respectRetryAfter;
		}

		public void setRespectRetryAfter(Boolean respectRetryAfter) {
			this.respectRetryAfter = respectRetryAfter;
		}

	}

	/**
	 * Batch settings.
	 */
	public static class Batch {

		/**
		 * Most requests of one batch in flight at once. Built-in default: 16.
		 */
		private Integer maxConcurrency;

		public Integer getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(Integer maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

	}

	/**
	 * Connection pool settings.
	 */
	public static class Pool {

		/**
		 * Most connections open at once. Built-in default: 500.
		 */
		private Integer maxConnections;

		/**
		 * How long a request waits for a free connection. Built-in default: 10s.
		 */
		private Duration pendingAcquireTimeout;

		/**
		 * How long an idle connection stays open. Built-in default: 30s.
		 */
		private Duration maxIdleTime;

		public Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

	}

	/**
	 * Request logging settings.
	 */
	public static class Logging {

		/**
		 * How much of each call is logged. Built-in default: basic.
		 */
		private LogLevel level;

		/**
		 * Headers whose values are masked in logs; replaces the inherited list. Built-in
		 * default: Authorization, Proxy-Authorization, Cookie, Set-Cookie.
		 */
		private List<String> redactHeaders;

		public LogLevel getLevel() {
			return this.level;
		}

		public void setLevel(LogLevel level) {
			this.level = level;
		}

		public List<String> getRedactHeaders() {
			return this.redactHeaders;
		}

		public void setRedactHeaders(List<String> redactHeaders) {
			this.redactHeaders = redactHeaders;
		}

	}

}
