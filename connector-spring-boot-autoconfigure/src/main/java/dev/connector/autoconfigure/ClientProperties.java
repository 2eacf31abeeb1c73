package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.LogLevel;
import dev.connector.config.ProxySettings;

import org.springframework.util.unit.DataSize;

/**
 * The settings of one client, or the defaults of all clients: the same keys under
 * {@code connector.defaults} and {@code connector.clients.<name>}. An unset value inherits
 * from the level above; above {@code connector.defaults} are the built-in values of
 * {@link ClientSettings}, which the build copies into the configuration metadata.
 * <p>
 * A new setting is a field here (its Javadoc is its description), a component of the
 * settings record, and one line in {@code ClientSettingsResolver}.
 *
 * @since 0.1.0
 */
public class ClientProperties {

	/**
	 * Transport type: 'http' (WebClient), 'netty' (Reactor Netty's HttpClient without
	 * WebClient), or the type of a registered TransportFactory bean.
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
	 * Overall deadline of one call, all attempts and waits included.
	 */
	private Duration timeout;

	/**
	 * Deadline of one attempt. Unset: only the overall timeout applies.
	 */
	private Duration attemptTimeout;

	/**
	 * How long to wait for a connection to be established.
	 */
	private Duration connectTimeout;

	/**
	 * Longest time without reading any data from the connection during an attempt; unset:
	 * none.
	 */
	private Duration readTimeout;

	/**
	 * Headers sent with every request. Defaults and client headers merge by name; a
	 * request's own header of the same name wins.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Largest response body held in memory; a larger body fails the call.
	 */
	private DataSize maxInMemorySize;

	/**
	 * Retry settings.
	 */
	private final Retry retry = new Retry();

	/**
	 * Circuit breaker settings.
	 */
	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	/**
	 * Bulkhead settings.
	 */
	private final Bulkhead bulkhead = new Bulkhead();

	/**
	 * Rate limiter settings.
	 */
	private final RateLimiter rateLimiter = new RateLimiter();

	/**
	 * Batch settings.
	 */
	private final Batch batch = new Batch();

	/**
	 * Connection pool settings.
	 */
	private final Pool pool = new Pool();

	/**
	 * Streaming settings, for calls made as streams.
	 */
	private final Stream stream = new Stream();

	/**
	 * Request logging settings.
	 */
	private final Logging logging = new Logging();

	/**
	 * Observation settings.
	 */
	private final Observation observation = new Observation();

	/**
	 * Health settings.
	 */
	private final Health health = new Health();

	/**
	 * How calls are authenticated.
	 */
	private final Auth auth = new Auth();

	/**
	 * TLS settings.
	 */
	private final Ssl ssl = new Ssl();

	/**
	 * Proxy to connect through.
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * Whether to ask for compressed responses (Accept-Encoding: gzip) and decode them.
	 */
	private Boolean compression;

	/**
	 * HTTP/2 settings.
	 */
	private final Http2 http2 = new Http2();

	/**
	 * Whether to follow redirects. Credentials are never sent to another host.
	 */
	private Boolean followRedirects;

	/**
	 * Settings of the sdk transport, which wraps a vendor's Java SDK client.
	 */
	private final Sdk sdk = new Sdk();

	/**
	 * WebSocket settings, for the websocket transport.
	 */
	private final WebSocket websocket = new WebSocket();

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

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
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

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public Bulkhead getBulkhead() {
		return this.bulkhead;
	}

	public RateLimiter getRateLimiter() {
		return this.rateLimiter;
	}

	public Batch getBatch() {
		return this.batch;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Stream getStream() {
		return this.stream;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public Observation getObservation() {
		return this.observation;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Health settings.
	 */
	public static class Health {

		/**
		 * Consecutive failed calls (transport failures, timeouts, 5xx) after which the
		 * client reports DOWN.
		 */
		private Integer failureThreshold;

		/**
		 * Whether this client being DOWN takes the 'connectors' health contributor, and so
		 * the application, DOWN.
		 */
		private Boolean required;

		/**
		 * Active probe settings.
		 */
		private final Probe probe = new Probe();

		public Integer getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(Integer failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Boolean getRequired() {
			return this.required;
		}

		public void setRequired(Boolean required) {
			this.required = required;
		}

		public Probe getProbe() {
			return this.probe;
		}

		/**
		 * Active probe settings.
		 */
		public static class Probe {

			/**
			 * Path to probe with a GET when health is checked; unset, health is passive.
			 */
			private String path;

			/**
			 * Least time between two probes; health checks in between reuse the last result.
			 */
			private Duration interval;

			/**
			 * Deadline of one probe; a health check never waits longer.
			 */
			private Duration timeout;

			public String getPath() {
				return this.path;
			}

			public void setPath(String path) {
				this.path = path;
			}

			public Duration getInterval() {
				return this.interval;
			}

			public void setInterval(Duration interval) {
				this.interval = interval;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

	/**
	 * Observation settings.
	 */
	public static class Observation {

		/**
		 * Whether this client's calls are observed.
		 */
		private Boolean enabled;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Retry settings.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried.
		 */
		private Boolean enabled;

		/**
		 * Most attempts per call, the first included.
		 */
		private Integer maxAttempts;

		/**
		 * Wait before the second attempt.
		 */
		private Duration waitDuration;

		/**
		 * Factor by which each further wait grows.
		 */
		private Double multiplier;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxWaitDuration;

		/**
		 * Random spread of each wait, from 0 (none) to 1.
		 */
		private Double jitter;

		/**
		 * Response statuses that are retried; replaces the inherited list.
		 */
		private List<Integer> retryOnStatus;

		/**
		 * Whether POST and PATCH are retried after the server may have acted on them.
		 */
		private Boolean retryNonIdempotent;

		/**
		 * Whether a Retry-After header sets the next wait.
		 */
		private Boolean respectRetryAfter;

		/**
		 * Name of an existing Resilience4j retry instance or config whose max-attempts and
		 * waits to use instead of this client's.
		 */
		private String instance;

		public String getInstance() {
			return this.instance;
		}

		public void setInstance(String instance) {
			this.instance = instance;
		}

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
	 * Circuit breaker settings.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether calls pass through a circuit breaker.
		 */
		private Boolean enabled;

		/**
		 * Failure percentage (transport failures, timeouts, 5xx) that opens the circuit.
		 */
		private Float failureRateThreshold;

		/**
		 * Number of recent calls the failure rate is computed over.
		 */
		private Integer slidingWindowSize;

		/**
		 * Number of calls needed before the failure rate counts.
		 */
		private Integer minimumNumberOfCalls;

		/**
		 * How long the circuit stays open before trial calls.
		 */
		private Duration waitDurationInOpenState;

		/**
		 * Number of trial calls allowed when half-open.
		 */
		private Integer permittedNumberOfCallsInHalfOpenState;

		/**
		 * Name of an existing Resilience4j circuit breaker instance or config to use
		 * instead of these settings.
		 */
		private String instance;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(Float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public Integer getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(Integer slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public Integer getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public Integer getPermittedNumberOfCallsInHalfOpenState() {
			return this.permittedNumberOfCallsInHalfOpenState;
		}

		public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
			this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
		}

		public String getInstance() {
			return this.instance;
		}

		public void setInstance(String instance) {
			this.instance = instance;
		}

	}

	/**
	 * Bulkhead settings.
	 */
	public static class Bulkhead {

		/**
		 * Whether calls pass through a bulkhead; a call finding no free slot is rejected at
		 * once.
		 */
		private Boolean enabled;

		/**
		 * Most calls in flight at once.
		 */
		private Integer maxConcurrentCalls;

		/**
		 * Name of an existing Resilience4j bulkhead instance or config to use instead of
		 * these settings; its max-wait-duration must be 0.
		 */
		private String instance;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Integer getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

		public String getInstance() {
			return this.instance;
		}

		public void setInstance(String instance) {
			this.instance = instance;
		}

	}

	/**
	 * Rate limiter settings.
	 */
	public static class RateLimiter {

		/**
		 * Whether calls pass through a rate limiter.
		 */
		private Boolean enabled;

		/**
		 * Calls allowed per refresh period.
		 */
		private Integer limitForPeriod;

		/**
		 * Refresh period of the limit.
		 */
		private Duration limitRefreshPeriod;

		/**
		 * How long a call waits for permission before it is rejected; 0 rejects at once.
		 */
		private Duration timeoutDuration;

		/**
		 * Name of an existing Resilience4j rate limiter instance or config to use instead
		 * of these settings.
		 */
		private String instance;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Integer getLimitForPeriod() {
			return this.limitForPeriod;
		}

		public void setLimitForPeriod(Integer limitForPeriod) {
			this.limitForPeriod = limitForPeriod;
		}

		public Duration getLimitRefreshPeriod() {
			return this.limitRefreshPeriod;
		}

		public void setLimitRefreshPeriod(Duration limitRefreshPeriod) {
			this.limitRefreshPeriod = limitRefreshPeriod;
		}

		public Duration getTimeoutDuration() {
			return this.timeoutDuration;
		}

		public void setTimeoutDuration(Duration timeoutDuration) {
			this.timeoutDuration = timeoutDuration;
		}

		public String getInstance() {
			return this.instance;
		}

		public void setInstance(String instance) {
			this.instance = instance;
		}

	}

	/**
	 * Batch settings.
	 */
	public static class Batch {

		/**
		 * Most requests of one batch in flight at once.
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
	 * Streaming settings.
	 */
	public static class Stream {

		/**
		 * Longest gap between two elements of a stream, and between its response headers
		 * and its first element.
		 */
		private Duration idleTimeout;

		/**
		 * Longest a stream may last; unset: no limit.
		 */
		private Duration maxDuration;

		/**
		 * Whether a Server-Sent Events stream that drops after delivering events reconnects
		 * with Last-Event-ID, after the server's retry delay, up to retry.max-attempts.
		 */
		private Boolean resume;

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public Boolean getResume() {
			return this.resume;
		}

		public void setResume(Boolean resume) {
			this.resume = resume;
		}

	}

	/**
	 * Connection pool settings.
	 */
	public static class Pool {

		/**
		 * Most connections open at once.
		 */
		private Integer maxConnections;

		/**
		 * How long a request waits for a free connection.
		 */
		private Duration pendingAcquireTimeout;

		/**
		 * How long an idle connection stays open.
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

	public Auth getAuth() {
		return this.auth;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Boolean getCompression() {
		return this.compression;
	}

	public void setCompression(Boolean compression) {
		this.compression = compression;
	}

	public Http2 getHttp2() {
		return this.http2;
	}

	public Boolean getFollowRedirects() {
		return this.followRedirects;
	}

	public void setFollowRedirects(Boolean followRedirects) {
		this.followRedirects = followRedirects;
	}

	public Sdk getSdk() {
		return this.sdk;
	}

	public WebSocket getWebsocket() {
		return this.websocket;
	}

	/**
	 * How calls are authenticated. Every credential is masked wherever settings are shown.
	 */
	public static class Auth {

		/**
		 * Kind of authentication: none, bearer, basic, api-key, oauth2-client-credentials or
		 * custom (a ConnectorAuthenticator bean).
		 */
		private AuthSettings.Type type;

		/**
		 * Bean name of the ConnectorAuthenticator of type custom; unset: the application's
		 * only one.
		 */
		private String authenticator;

		/**
		 * Bearer token settings.
		 */
		private final Bearer bearer = new Bearer();

		/**
		 * Basic authentication settings.
		 */
		private final Basic basic = new Basic();

		/**
		 * API key settings.
		 */
		private final ApiKey apiKey = new ApiKey();

		/**
		 * OAuth2 client credentials settings.
		 */
		private final OAuth2 oauth2 = new OAuth2();

		public AuthSettings.Type getType() {
			return this.type;
		}

		public void setType(AuthSettings.Type type) {
			this.type = type;
		}

		public String getAuthenticator() {
			return this.authenticator;
		}

		public void setAuthenticator(String authenticator) {
			this.authenticator = authenticator;
		}

		public Bearer getBearer() {
			return this.bearer;
		}

		public Basic getBasic() {
			return this.basic;
		}

		public ApiKey getApiKey() {
			return this.apiKey;
		}

		public OAuth2 getOauth2() {
			return this.oauth2;
		}

		/**
		 * Bearer token settings.
		 */
		public static class Bearer {

			/**
			 * Token sent as 'Authorization: Bearer <token>'.
			 */
			private String token;

			public String getToken() {
				return this.token;
			}

			public void setToken(String token) {
				this.token = token;
			}

		}

		/**
		 * Basic authentication settings.
		 */
		public static class Basic {

			/**
			 * User name.
			 */
			private String username;

			/**
			 * Password.
			 */
			private String password;

			public String getUsername() {
				return this.username;
			}

			public void setUsername(String username) {
				this.username = username;
			}

			public String getPassword() {
				return this.password;
			}

			public void setPassword(String password) {
				this.password = password;
			}

		}

		/**
		 * API key settings: set header or query-param, and value.
		 */
		public static class ApiKey {

			/**
			 * Header that carries the key, such as X-API-Key.
			 */
			private String header;

			/**
			 * Query parameter that carries the key, instead of a header.
			 */
			private String queryParam;

			/**
			 * The key.
			 */
			private String value;

			public String getHeader() {
				return this.header;
			}

			public void setHeader(String header) {
				this.header = header;
			}

			public String getQueryParam() {
				return this.queryParam;
			}

			public void setQueryParam(String queryParam) {
				this.queryParam = queryParam;
			}

			public String getValue() {
				return this.value;
			}

			public void setValue(String value) {
				this.value = value;
			}

		}

		/**
		 * OAuth2 client credentials settings: a token endpoint for the built-in token
		 * client, or a Spring Security client registration.
		 */
		public static class OAuth2 {

			/**
			 * Token endpoint URL.
			 */
			private String tokenUri;

			/**
			 * Client id.
			 */
			private String clientId;

			/**
			 * Client secret.
			 */
			private String clientSecret;

			/**
			 * Scopes to ask for; replaces the inherited list.
			 */
			private List<String> scope;

			/**
			 * Audience parameter of the token request.
			 */
			private String audience;

			/**
			 * How long before its expiry a token is refreshed.
			 */
			private Duration refreshSkew;

			/**
			 * How the client authenticates to the token endpoint: basic
			 * (client_secret_basic) or post (client_secret_post).
			 */
			private AuthSettings.ClientAuthentication clientAuthentication;

			/**
			 * Longest a token request may take; a slower token endpoint fails calls with an
			 * AuthenticationException.
			 */
			private Duration tokenTimeout;

			/**
			 * A spring.security.oauth2.client.registration to use instead of the built-in
			 * token client (needs spring-security-oauth2-client).
			 */
			private String registrationId;

			public String getTokenUri() {
				return this.tokenUri;
			}

			public void setTokenUri(String tokenUri) {
				this.tokenUri = tokenUri;
			}

			public String getClientId() {
				return this.clientId;
			}

			public void setClientId(String clientId) {
				this.clientId = clientId;
			}

			public String getClientSecret() {
				return this.clientSecret;
			}

			public void setClientSecret(String clientSecret) {
				this.clientSecret = clientSecret;
			}

			public List<String> getScope() {
				return this.scope;
			}

			public void setScope(List<String> scope) {
				this.scope = scope;
			}

			public String getAudience() {
				return this.audience;
			}

			public void setAudience(String audience) {
				this.audience = audience;
			}

			public Duration getRefreshSkew() {
				return this.refreshSkew;
			}

			public void setRefreshSkew(Duration refreshSkew) {
				this.refreshSkew = refreshSkew;
			}

			public AuthSettings.ClientAuthentication getClientAuthentication() {
				return this.clientAuthentication;
			}

			public void setClientAuthentication(AuthSettings.ClientAuthentication clientAuthentication) {
				this.clientAuthentication = clientAuthentication;
			}

			public Duration getTokenTimeout() {
				return this.tokenTimeout;
			}

			public void setTokenTimeout(Duration tokenTimeout) {
				this.tokenTimeout = tokenTimeout;
			}

			public String getRegistrationId() {
				return this.registrationId;
			}

			public void setRegistrationId(String registrationId) {
				this.registrationId = registrationId;
			}

		}

	}

	/**
	 * TLS settings. Certificates and host names are always verified.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the trust material and, for
		 * mutual TLS, the client certificate. Unset: the JDK's trust store.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Proxy settings; with no host, no proxy.
	 */
	public static class Proxy {

		/**
		 * Proxy protocol: http (CONNECT for https), socks4 or socks5.
		 */
		private ProxySettings.Type type;

		/**
		 * Proxy host.
		 */
		private String host;

		/**
		 * Proxy port.
		 */
		private Integer port;

		/**
		 * Regular expression of the hosts reached directly, such as 'localhost|.*\\.internal'.
		 */
		private String nonProxyHosts;

		/**
		 * User name to authenticate to the proxy with.
		 */
		private String username;

		/**
		 * Password to authenticate to the proxy with.
		 */
		private String password;

		public ProxySettings.Type getType() {
			return this.type;
		}

		public void setType(ProxySettings.Type type) {
			this.type = type;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			this.port = port;
		}

		public String getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(String nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

	}

	/**
	 * HTTP/2 settings.
	 */
	public static class Http2 {

		/**
		 * Whether to offer HTTP/2 over TLS (negotiated with ALPN, HTTP/1.1 otherwise).
		 */
		private Boolean enabled;

		/**
		 * Whether plain http URLs speak HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1.
		 */
		private Boolean cleartext;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Boolean getCleartext() {
			return this.cleartext;
		}

		public void setCleartext(Boolean cleartext) {
			this.cleartext = cleartext;
		}

	}

	/**
	 * Request logging settings.
	 */
	public static class Logging {

		/**
		 * How much of each attempt is logged, at INFO on the 'dev.connector.logging' logger:
		 * none, basic (request line, status, duration), headers (and headers, redacted),
		 * body (and bounded body excerpts).
		 */
		private LogLevel level;

		/**
		 * Headers whose values are masked in logs; replaces the inherited list.
		 */
		private List<String> redactHeaders;

		/**
		 * Query parameters whose values are masked wherever a URI is shown (log lines,
		 * exception messages, observation tags); replaces the inherited list.
		 */
		private List<String> redactQueryParams;

		public List<String> getRedactQueryParams() {
			return this.redactQueryParams;
		}

		public void setRedactQueryParams(List<String> redactQueryParams) {
			this.redactQueryParams = redactQueryParams;
		}

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

	/**
	 * Settings of the sdk transport.
	 */
	public static class Sdk {

		/**
		 * SDK the client wraps: 'openai' (com.openai:openai-java), 'anthropic'
		 * (com.anthropic:anthropic-java), or the provider of an SdkClientFactory bean. Unset:
		 * the only SdkClientFactory there is. The API key is auth.api-key.value.
		 */
		private String provider;

		public String getProvider() {
			return this.provider;
		}

		public void setProvider(String provider) {
			this.provider = provider;
		}

	}

	/**
	 * WebSocket settings.
	 */
	public static class WebSocket {

		/**
		 * How often an open WebSocket sends a ping, which keeps it alive through proxies and
		 * proves the server still there; its pong counts as traffic for
		 * stream.idle-timeout. 0 for no pings.
		 */
		private Duration pingInterval;

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

	}

}
