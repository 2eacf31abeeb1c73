package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.BatchSettings;
import dev.connector.config.ClientSettings.BulkheadSettings;
import dev.connector.config.ClientSettings.CircuitBreakerSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.config.ClientSettings.LogLevel;
import dev.connector.config.ClientSettings.LoggingSettings;
import dev.connector.config.ClientSettings.PoolSettings;
import dev.connector.config.ClientSettings.RateLimiterSettings;
import dev.connector.config.ClientSettings.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettingsResolver} maps every property onto its setting, under
 * {@code connector.defaults} and under a client, and names the property that was written
 * when a value is invalid.
 */
class ClientSettingsResolverTest {

	/** A value other than the built-in one for every key, relative to a client. */
	private static final Map<String, String> EVERY_KEY = everyKey();

	private static Map<String, String> everyKey() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("transport", "websocket");
		values.put("base-url", "http://127.0.0.1:8081");
		values.put("timeout", "3s");
		values.put("attempt-timeout", "1s");
		values.put("connect-timeout", "500ms");
		values.put("read-timeout", "4s");
		values.put("headers.X-Caller", "orders");
		values.put("max-in-memory-size", "2MB");
		values.put("pool.max-connections", "50");
		values.put("pool.pending-acquire-timeout", "5s");
		values.put("pool.max-idle-time", "20s");
		values.put("retry.enabled", "false");
		values.put("retry.max-attempts", "5");
		values.put("retry.wait-duration", "200ms");
		values.put("retry.multiplier", "1.5");
		values.put("retry.max-wait-duration", "3s");
		values.put("retry.jitter", "0.2");
		values.put("retry.retry-on-status", "503,504");
		values.put("retry.retry-non-idempotent", "true");
		values.put("retry.respect-retry-after", "false");
		values.put("retry.instance", "shared-retry");
		values.put("circuit-breaker.enabled", "true");
		values.put("circuit-breaker.failure-rate-threshold", "25");
		values.put("circuit-breaker.sliding-window-size", "40");
		values.put("circuit-breaker.minimum-number-of-calls", "5");
		values.put("circuit-breaker.wait-duration-in-open-state", "10s");
		values.put("circuit-breaker.permitted-number-of-calls-in-half-open-state", "2");
		values.put("circuit-breaker.instance", "shared-breaker");
		values.put("bulkhead.enabled", "true");
		values.put("bulkhead.max-concurrent-calls", "7");
		values.put("bulkhead.instance", "shared-bulkhead");
		values.put("rate-limiter.enabled", "true");
		values.put("rate-limiter.limit-for-period", "9");
		values.put("rate-limiter.limit-refresh-period", "2s");
		values.put("rate-limiter.timeout-duration", "100ms");
		values.put("rate-limiter.instance", "shared-limiter");
		values.put("batch.max-concurrency", "8");
		values.put("logging.level", "headers");
		values.put("logging.redact-headers", "X-Api-Key");
		values.put("observation.enabled", "false");
		values.put("health.failure-threshold", "5");
		values.put("health.required", "true");
		values.put("health.probe.path", "/ping");
		values.put("health.probe.interval", "30s");
		values.put("health.probe.timeout", "1s");
		return values;
	}

	private static ClientSettings expected(String name) {
		return ClientSettings.builder(name)
			.transport("websocket")
			.baseUrl("http://127.0.0.1:8081")
			.timeout(Duration.ofSeconds(3))
			.attemptTimeout(Duration.ofSeconds(1))
			.connectTimeout(Duration.ofMillis(500))
			.readTimeout(Duration.ofSeconds(4))
			.header("X-Caller", "orders")
			.maxInMemorySize(2 * 1024 * 1024)
			.pool(PoolSettings.builder()
				.maxConnections(50)
				.pendingAcquireTimeout(Duration.ofSeconds(5))
				.maxIdleTime(Duration.ofSeconds(20))
				.build())
			.retry(RetrySettings.builder()
				.enabled(false)
				.maxAttempts(5)
				.waitDuration(Duration.ofMillis(200))
				.multiplier(1.5)
				.maxWaitDuration(Duration.ofSeconds(3))
				.jitter(0.2)
				.retryOnStatus(List.of(503, 504))
				.retryNonIdempotent(true)
				.respectRetryAfter(false)
				.instance("shared-retry")
				.build())
			.circuitBreaker(CircuitBreakerSettings.builder()
				.enabled(true)
				.failureRateThreshold(25)
				.slidingWindowSize(40)
				.minimumNumberOfCalls(5)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.permittedNumberOfCallsInHalfOpenState(2)
				.instance("shared-breaker")
				.build())
			.bulkhead(BulkheadSettings.builder()
				.enabled(true)
				.maxConcurrentCalls(7)
				.instance("shared-bulkhead")
				.build())
			.rateLimiter(RateLimiterSettings.builder()
				.enabled(true)
				.limitForPeriod(9)
				.limitRefreshPeriod(Duration.ofSeconds(2))
				.timeoutDuration(Duration.ofMillis(100))
				.instance("shared-limiter")
				.build())
			.batch(new BatchSettings(8))
			.logging(LoggingSettings.builder().level(LogLevel.HEADERS).redactHeaders(List.of("X-Api-Key")).build())
			.observationEnabled(false)
			.health(HealthSettings.builder()
				.failureThreshold(5)
				.required(true)
				.probePath("/ping")
				.probeInterval(Duration.ofSeconds(30))
				.probeTimeout(Duration.ofSeconds(1))
				.build())
			.build();
	}

	private static Map<String, ClientSettings> resolve(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		return ClientSettingsResolver
			.resolve(binder.bindOrCreate(ClientSettingsResolver.PREFIX, ConnectorProperties.class));
	}

	private static Map<String, String> under(String prefix, Map<String, String> values) {
		Map<String, String> properties = new LinkedHashMap<>();
		values.forEach((key, value) -> properties.put(prefix + key, value));
		return properties;
	}

	@Test
	void mapsEveryClientPropertyOntoItsSetting() {
		Map<String, ClientSettings> settings = resolve(under("connector.clients.payments.", EVERY_KEY));
		assertThat(settings.get("payments")).isEqualTo(expected("payments"));
	}

	@Test
	void mapsEveryDefaultsPropertyOntoTheSettingOfAClientThatSetsNone() {
		Map<String, String> properties = under("connector.defaults.", EVERY_KEY);
		properties.put("connector.clients.payments.transport", "websocket");
		assertThat(resolve(properties).get("payments")).isEqualTo(expected("payments"));
	}

	@Test
	void unsetPropertiesKeepTheBuiltInValues() {
		Map<String, ClientSettings> settings = resolve(Map.of("connector.clients.payments.transport", "http"));
		assertThat(settings.get("payments")).isEqualTo(ClientSettings.builder("payments").build());
	}

	@Test
	void urlIsTheBaseUrlWhenNoBaseUrlIsSet() {
		Map<String, ClientSettings> settings = resolve(
				Map.of("connector.clients.quotes.url", "ws://127.0.0.1:8082/quotes"));
		assertThat(settings.get("quotes").baseUrl()).hasToString("ws://127.0.0.1:8082/quotes");
	}

	@Test
	void baseUrlWinsOverUrl() {
		Map<String, ClientSettings> settings = resolve(
				Map.of("connector.clients.quotes.url", "ws://127.0.0.1:8082/quotes",
						"connector.clients.quotes.base-url", "http://127.0.0.1:8081"));
		assertThat(settings.get("quotes").baseUrl()).hasToString("http://127.0.0.1:8081");
	}

	@Test
	void anInvalidUrlNamesTheUrlProperty() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> resolve(Map.of("connector.clients.quotes.url", "127.0.0.1:8082")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("connector.clients.quotes.url"))
			.satisfies((ex) -> assertThat(ex.getClientName()).isEqualTo("quotes"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "connector.defaults.", "connector.clients.payments." })
	void anInvalidNestedValueNamesThePropertyWhereItWasWritten(String prefix) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("connector.clients.payments.transport", "http");
		properties.put(prefix + "retry.max-attempts", "0");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> resolve(properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(prefix + "retry.max-attempts"))
			.satisfies((ex) -> assertThat(ex.getClientName()).isEqualTo("payments"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be at least 1 but was 0"));
	}

	@Test
	void anInvalidDefaultIsReportedEvenWhenTheClientOverridesIt() {
		Map<String, String> properties = Map.of("connector.defaults.retry.jitter", "1.0",
				"connector.clients.payments.retry.jitter", "0.2");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> resolve(properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("connector.defaults.retry.jitter"));
	}

}
