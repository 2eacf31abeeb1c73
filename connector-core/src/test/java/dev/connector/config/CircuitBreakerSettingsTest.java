package dev.connector.config;

import java.time.Duration;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.CircuitBreakerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.CircuitBreakerSettings} checks its own values and is built from the built-in
 * values.
 */
class CircuitBreakerSettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(CircuitBreakerSettings.builder().build()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
	}

	@Test
	void rejectsAFailureRateOfZero() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> CircuitBreakerSettings.builder().failureRateThreshold(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("circuit-breaker.failure-rate-threshold"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be above 0 and at most 100 but was 0.0"));
	}

	@Test
	void rejectsAFailureRateAboveOneHundred() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> CircuitBreakerSettings.builder().failureRateThreshold(100.5f).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("circuit-breaker.failure-rate-threshold"));
	}

	@Test
	void acceptsAFailureRateOfOneHundred() {
		assertThat(CircuitBreakerSettings.builder().failureRateThreshold(100).build().failureRateThreshold())
			.isEqualTo(100);
	}

	@Test
	void rejectsAnEmptySlidingWindow() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> CircuitBreakerSettings.builder().slidingWindowSize(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("circuit-breaker.sliding-window-size"));
	}

	@Test
	void rejectsAMinimumOfZeroCalls() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> CircuitBreakerSettings.builder().minimumNumberOfCalls(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("circuit-breaker.minimum-number-of-calls"));
	}

	@Test
	void rejectsAnOpenStateWaitThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> CircuitBreakerSettings.builder().waitDurationInOpenState(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("circuit-breaker.wait-duration-in-open-state"));
	}

	@Test
	void rejectsNoTrialCallsWhenHalfOpen() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> CircuitBreakerSettings.builder().permittedNumberOfCallsInHalfOpenState(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("circuit-breaker.permitted-number-of-calls-in-half-open-state"));
	}

}
