package dev.connector.autoconfigure;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.Http2Settings;
import dev.connector.config.ClientSettings.SslSettings;
import dev.connector.config.ProxySettings;
import dev.connector.config.Secret;
import dev.connector.config.ClientSettings.BatchSettings;
import dev.connector.config.ClientSettings.BulkheadSettings;
import dev.connector.config.ClientSettings.CircuitBreakerSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.config.ClientSettings.LoggingSettings;
import dev.connector.config.ClientSettings.PoolSettings;
import dev.connector.config.ClientSettings.StreamSettings;
import dev.connector.config.ClientSettings.RateLimiterSettings;
import dev.connector.config.ClientSettings.RetrySettings;
import dev.connector.config.ClientSettings.SdkSettings;
import dev.connector.config.ClientSettings.WebSocketSettings;

import org.springframework.util.unit.DataSize;

/**
 * Resolves {@link ConnectorProperties} into one immutable {@link ClientSettings} per client,
 * once, at start-up: client values over {@code connector.defaults} over the built-in values.
 * <p>
 * Each level is first checked on its own over the built-in values, so that an error names
 * the property where the bad value was written ({@code connector.defaults.timeout} or
 * {@code connector.clients.payments.timeout}); the rules themselves live in the settings
 * records, which check their values when they are created.
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

	/**
	 * Map one level of properties over the given settings: the one place where each property
	 * becomes a setting. Unset (null) properties keep the base's value; maps add to the
	 * base's entries, lists replace the base's.
	 */
	private static ClientSettings apply(ClientProperties properties, ClientSettings base) {
		NonNullMapper map = new NonNullMapper();
		ClientSettings.Builder settings = base.toBuilder();
		map.from(properties::getTransport).to(settings::transport);
		map.from(properties::getBaseUrl).to(settings::baseUrl);
		map.from(properties::getUrl)
			.when((url) -> properties.getBaseUrl() == null)
			.to((url) -> renamed("url", () -> settings.baseUrl(url)));
		map.from(properties::getTimeout).to(settings::timeout);
		map.from(properties::getAttemptTimeout).to(settings::attemptTimeout);
		map.from(properties::getConnectTimeout).to(settings::connectTimeout);
		map.from(properties::getReadTimeout).to(settings::readTimeout);
		map.from(properties::getHeaders).to((headers) -> headers.forEach(settings::header));
		map.from(properties::getMaxInMemorySize).as(ClientSettingsResolver::bytes).to(settings::maxInMemorySize);
		settings.pool(pool(map, properties.getPool(), base.pool().toBuilder()));
		settings.stream(stream(map, properties.getStream(), base.stream().toBuilder()));
		settings.retry(retry(map, properties.getRetry(), base.retry().toBuilder()));
		settings.circuitBreaker(circuitBreaker(map, properties.getCircuitBreaker(), base.circuitBreaker().toBuilder()));
		settings.bulkhead(bulkhead(map, properties.getBulkhead(), base.bulkhead().toBuilder()));
		settings.rateLimiter(rateLimiter(map, properties.getRateLimiter(), base.rateLimiter().toBuilder()));
		map.from(properties.getBatch()::getMaxConcurrency).as(BatchSettings::new).to(settings::batch);
		settings.logging(logging(map, properties.getLogging(), base.logging().toBuilder()));
		map.from(properties.getObservation()::getEnabled).to(settings::observationEnabled);
		settings.health(health(map, properties.getHealth(), base.health().toBuilder()));
		settings.auth(auth(map, properties.getAuth(), base.auth().toBuilder()));
		map.from(properties.getSsl()::getBundle).as(SslSettings::new).to(settings::ssl);
		settings.proxy(proxy(properties.getProxy(), base.proxy()));
		map.from(properties::getCompression).to(settings::compression);
		settings.http2(new Http2Settings(
				(properties.getHttp2().getEnabled() != null) ? properties.getHttp2().getEnabled() : base.http2().enabled(),
				(properties.getHttp2().getCleartext() != null) ? properties.getHttp2().getCleartext()
						: base.http2().cleartext()));
		map.from(properties::getFollowRedirects).to(settings::followRedirects);
		map.from(properties.getSdk()::getProvider).as(SdkSettings::new).to(settings::sdk);
		map.from(properties.getWebsocket()::getPingInterval).as(WebSocketSettings::new).to(settings::websocket);
		return settings.build();
	}

	private static AuthSettings auth(NonNullMapper map, ClientProperties.Auth properties, AuthSettings.Builder auth) {
		map.from(properties::getType).to(auth::type);
		map.from(properties::getAuthenticator).to(auth::authenticator);
		map.from(properties.getBearer()::getToken).as(Secret::ofNullable).to(auth::bearerToken);
		map.from(properties.getBasic()::getUsername).to(auth::basicUsername);
		map.from(properties.getBasic()::getPassword).as(Secret::ofNullable).to(auth::basicPassword);
		ClientProperties.Auth.ApiKey apiKey = properties.getApiKey();
		map.from(apiKey::getHeader).to((header) -> auth.apiKeyHeader(header).apiKeyQueryParam(null));
		map.from(apiKey::getQueryParam).to((param) -> auth.apiKeyQueryParam(param).apiKeyHeader(apiKey.getHeader()));
		map.from(apiKey::getValue).as(Secret::ofNullable).to(auth::apiKeyValue);
		ClientProperties.Auth.OAuth2 oauth2 = properties.getOauth2();
		map.from(oauth2::getTokenUri).as(URI::create).to(auth::tokenUri);
		map.from(oauth2::getClientId).to(auth::clientId);
		map.from(oauth2::getClientSecret).as(Secret::ofNullable).to(auth::clientSecret);
		map.from(oauth2::getScope).to(auth::scope);
		map.from(oauth2::getAudience).to(auth::audience);
		map.from(oauth2::getRefreshSkew).to(auth::refreshSkew);
		map.from(oauth2::getClientAuthentication).to(auth::clientAuthentication);
		map.from(oauth2::getTokenTimeout).to(auth::tokenTimeout);
		map.from(oauth2::getRegistrationId).to(auth::registrationId);
		return auth.build();
	}

	private static ProxySettings proxy(ClientProperties.Proxy properties, ProxySettings base) {
		return new ProxySettings((properties.getType() != null) ? properties.getType() : base.type(),
				(properties.getHost() != null) ? properties.getHost() : base.host(),
				(properties.getPort() != null) ? properties.getPort() : base.port(),
				(properties.getNonProxyHosts() != null) ? properties.getNonProxyHosts() : base.nonProxyHosts(),
				(properties.getUsername() != null) ? properties.getUsername() : base.username(),
				(properties.getPassword() != null) ? Secret.ofNullable(properties.getPassword()) : base.password());
	}

	private static StreamSettings stream(NonNullMapper map, ClientProperties.Stream properties,
			StreamSettings.Builder stream) {
		map.from(properties::getIdleTimeout).to(stream::idleTimeout);
		map.from(properties::getMaxDuration).to(stream::maxDuration);
		map.from(properties::getResume).to(stream::resume);
		return stream.build();
	}

	private static PoolSettings pool(NonNullMapper map, ClientProperties.Pool properties, PoolSettings.Builder pool) {
		map.from(properties::getMaxConnections).to(pool::maxConnections);
		map.from(properties::getPendingAcquireTimeout).to(pool::pendingAcquireTimeout);
		map.from(properties::getMaxIdleTime).to(pool::maxIdleTime);
		return pool.build();
	}

	private static RetrySettings retry(NonNullMapper map, ClientProperties.Retry properties,
			RetrySettings.Builder retry) {
		map.from(properties::getEnabled).to(retry::enabled);
		map.from(properties::getMaxAttempts).to(retry::maxAttempts);
		map.from(properties::getWaitDuration).to(retry::waitDuration);
		map.from(properties::getMultiplier).to(retry::multiplier);
		map.from(properties::getMaxWaitDuration).to(retry::maxWaitDuration);
		map.from(properties::getJitter).to(retry::jitter);
		map.from(properties::getRetryOnStatus).to(retry::retryOnStatus);
		map.from(properties::getRetryNonIdempotent).to(retry::retryNonIdempotent);
		map.from(properties::getRespectRetryAfter).to(retry::respectRetryAfter);
		map.from(properties::getInstance).to(retry::instance);
		return retry.build();
	}

	private static CircuitBreakerSettings circuitBreaker(NonNullMapper map,
			ClientProperties.CircuitBreaker properties, CircuitBreakerSettings.Builder circuitBreaker) {
		map.from(properties::getEnabled).to(circuitBreaker::enabled);
		map.from(properties::getFailureRateThreshold).to(circuitBreaker::failureRateThreshold);
		map.from(properties::getSlidingWindowSize).to(circuitBreaker::slidingWindowSize);
		map.from(properties::getMinimumNumberOfCalls).to(circuitBreaker::minimumNumberOfCalls);
		map.from(properties::getWaitDurationInOpenState).to(circuitBreaker::waitDurationInOpenState);
		map.from(properties::getPermittedNumberOfCallsInHalfOpenState)
			.to(circuitBreaker::permittedNumberOfCallsInHalfOpenState);
		map.from(properties::getInstance).to(circuitBreaker::instance);
		return circuitBreaker.build();
	}

	private static BulkheadSettings bulkhead(NonNullMapper map, ClientProperties.Bulkhead properties,
			BulkheadSettings.Builder bulkhead) {
		map.from(properties::getEnabled).to(bulkhead::enabled);
		map.from(properties::getMaxConcurrentCalls).to(bulkhead::maxConcurrentCalls);
		map.from(properties::getInstance).to(bulkhead::instance);
		return bulkhead.build();
	}

	private static RateLimiterSettings rateLimiter(NonNullMapper map, ClientProperties.RateLimiter properties,
			RateLimiterSettings.Builder rateLimiter) {
		map.from(properties::getEnabled).to(rateLimiter::enabled);
		map.from(properties::getLimitForPeriod).to(rateLimiter::limitForPeriod);
		map.from(properties::getLimitRefreshPeriod).to(rateLimiter::limitRefreshPeriod);
		map.from(properties::getTimeoutDuration).to(rateLimiter::timeoutDuration);
		map.from(properties::getInstance).to(rateLimiter::instance);
		return rateLimiter.build();
	}

	private static LoggingSettings logging(NonNullMapper map, ClientProperties.Logging properties,
			LoggingSettings.Builder logging) {
		map.from(properties::getLevel).to(logging::level);
		map.from(properties::getRedactHeaders).to(logging::redactHeaders);
		map.from(properties::getRedactQueryParams).to(logging::redactQueryParams);
		return logging.build();
	}

	private static HealthSettings health(NonNullMapper map, ClientProperties.Health properties,
			HealthSettings.Builder health) {
		map.from(properties::getFailureThreshold).to(health::failureThreshold);
		map.from(properties::getRequired).to(health::required);
		map.from(properties.getProbe()::getPath).to(health::probePath);
		map.from(properties.getProbe()::getInterval).to(health::probeInterval);
		map.from(properties.getProbe()::getTimeout).to(health::probeTimeout);
		return health.build();
	}

	private static int bytes(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

	/**
	 * Run a setter that checks a value under another property's name, and name the given
	 * property instead: {@code url} is written to the base URL.
	 */
	private static void renamed(String property, Runnable setter) {
		try {
			setter.run();
		}
		catch (ConfigurationException ex) {
			throw new ConfigurationException(ex.getClientName(), property, ex.getProblem(), ex.getAction());
		}
	}

	/**
	 * Maps a property onto a setting when it is set: what Spring Boot's
	 * {@code PropertyMapper} does with {@code alwaysApplyingWhenNonNull()} on Boot 3 and by
	 * default on Boot 4, in one form for both Boot lines.
	 */
	private static final class NonNullMapper {

		<T> Source<T> from(Supplier<T> supplier) {
			return new Source<>(supplier.get());
		}

	}

	/**
	 * A property's value, or {@code null} when it is unset (or filtered out).
	 */
	private record Source<T>(T value) {

		<R> Source<R> as(Function<T, R> adapter) {
			return new Source<>((this.value != null) ? adapter.apply(this.value) : null);
		}

		Source<T> when(Predicate<T> predicate) {
			return (this.value != null && predicate.test(this.value)) ? this : new Source<>(null);
		}

		void to(Consumer<T> consumer) {
			if (this.value != null) {
				consumer.accept(this.value);
			}
		}

	}

}
