package dev.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.BatchSettings;
import dev.connector.config.ClientSettings.BulkheadSettings;
import dev.connector.config.ClientSettings.CircuitBreakerSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.config.ClientSettings.LoggingSettings;
import dev.connector.config.ClientSettings.ObservationSettings;
import dev.connector.config.ClientSettings.PoolSettings;
import dev.connector.config.ClientSettings.RateLimiterSettings;
import dev.connector.config.ClientSettings.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings} starts from the built-in values and checks its own values, naming
 * the client and the property in every error.
 */
class ClientSettingsTest {

	private final ClientSettings.Builder builder = ClientSettings.builder("payments");

	@Test
	void startsFromTheBuiltInValues() {
		ClientSettings settings = this.builder.build();
		assertThat(settings.transport()).isEqualTo(ClientSettings.DEFAULT_TRANSPORT);
		assertThat(settings.baseUrl()).isNull();
		assertThat(settings.timeout()).isEqualTo(ClientSettings.DEFAULT_TIMEOUT);
		assertThat(settings.attemptTimeout()).isNull();
		assertThat(settings.connectTimeout()).isEqualTo(ClientSettings.DEFAULT_CONNECT_TIMEOUT);
		assertThat(settings.maxInMemorySize()).isEqualTo(ClientSettings.DEFAULT_MAX_IN_MEMORY_SIZE);
		assertThat(settings.headers().size()).isZero();
		assertThat(settings.pool()).isEqualTo(PoolSettings.DEFAULTS);
		assertThat(settings.retry()).isEqualTo(RetrySettings.DEFAULTS);
		assertThat(settings.circuitBreaker()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
		assertThat(settings.bulkhead()).isEqualTo(BulkheadSettings.DEFAULTS);
		assertThat(settings.rateLimiter()).isEqualTo(RateLimiterSettings.DEFAULTS);
		assertThat(settings.batch()).isEqualTo(BatchSettings.DEFAULTS);
		assertThat(settings.logging()).isEqualTo(LoggingSettings.DEFAULTS);
		assertThat(settings.observation()).isEqualTo(ObservationSettings.DEFAULTS);
		assertThat(settings.health()).isEqualTo(HealthSettings.DEFAULTS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " " })
	void rejectsABlankName(String name) {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> ClientSettings.builder(name))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("name"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("a client needs a non-blank name"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "PT-1S" })
	void rejectsATimeoutThatIsNotPositive(String timeout) {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.builder.timeout(Duration.parse(timeout)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("timeout"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be a positive duration but was " + timeout))
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Set it to a positive duration such as 2s or 500ms."));
	}

	@Test
	void namesTheClientInItsErrors() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.builder.connectTimeout(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getClientName()).isEqualTo("payments"))
			.withMessage("Invalid connect-timeout: must be a positive duration but was PT0S. "
					+ "Set it to a positive duration such as 2s or 500ms.");
	}

	@Test
	void acceptsNoAttemptTimeout() {
		assertThat(this.builder.attemptTimeout(null).build().attemptTimeout()).isNull();
	}

	@Test
	void rejectsAnAttemptTimeoutThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.builder.attemptTimeout(Duration.ofMillis(-5)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("attempt-timeout"));
	}

	@Test
	void hasNoReadTimeoutByDefault() {
		assertThat(this.builder.build().readTimeout()).isNull();
	}

	@Test
	void acceptsAPositiveReadTimeout() {
		assertThat(this.builder.readTimeout(Duration.ofSeconds(4)).build().readTimeout())
			.isEqualTo(Duration.ofSeconds(4));
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "PT-1S" })
	void rejectsAReadTimeoutThatIsNotPositive(String readTimeout) {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.builder.readTimeout(Duration.parse(readTimeout)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("read-timeout"))
			.satisfies((ex) -> assertThat(ex.getClientName()).isEqualTo("payments"))
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo("must be a positive duration but was " + readTimeout));
	}

	@Test
	void rejectsAMaxInMemorySizeBelowOneByte() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.builder.maxInMemorySize(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("max-in-memory-size"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be at least 1 but was 0"));
	}

	@Test
	void rejectsABaseUrlWithoutAHost() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.builder.baseUrl("localhost:8081"))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("base-url"))
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo("'localhost:8081' is not an absolute URL with a scheme and a host"));
	}

	@Test
	void parsesTheBaseUrl() {
		assertThat(this.builder.baseUrl("http://127.0.0.1:8081/api").build().baseUrl())
			.isEqualTo(URI.create("http://127.0.0.1:8081/api"));
	}

	@Test
	void keepsItsOwnReadOnlyCopyOfTheHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Caller", "orders");
		ClientSettings settings = this.builder.headers(headers).build();
		headers.add("X-Caller", "changed");
		assertThat(settings.headers().getValuesAsList("X-Caller")).containsExactly("orders");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> settings.headers().add("X-Other", "value"));
	}

	@Test
	void describesItselfWithoutHeaderValues() {
		ClientSettings settings = this.builder.header("Authorization", "Bearer tok-secret").build();
		assertThat(settings.toString()).contains("Authorization").doesNotContain("tok-secret");
	}

	@Test
	void derivesACopyWithEverySetting() {
		ClientSettings settings = this.builder.baseUrl("http://127.0.0.1:8081")
			.timeout(Duration.ofSeconds(3))
			.header("X-Caller", "orders")
			.retry(RetrySettings.builder().maxAttempts(5).build())
			.observationEnabled(false)
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
	}

	@Test
	void derivesACopyThatDiffersOnlyInWhatWasChanged() {
		ClientSettings settings = this.builder.timeout(Duration.ofSeconds(3)).build();
		ClientSettings changed = settings.toBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		assertThat(changed.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void observationEnabledReadsTheObservationSettings() {
		ClientSettings settings = this.builder.observationEnabled(false).build();
		assertThat(settings.observationEnabled()).isFalse();
		assertThat(settings.observation()).isEqualTo(new ObservationSettings(false));
	}

	@Test
	void addsHeadersByName() {
		ClientSettings settings = this.builder.header("X-Caller", "orders")
			.headers(Map.of("X-Team", List.of("checkout")))
			.build();
		assertThat(settings.headers().toSingleValueMap()).containsOnly(Map.entry("X-Caller", "orders"),
				Map.entry("X-Team", "checkout"));
	}

}
