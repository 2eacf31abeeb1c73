package dev.connector.config;

import java.time.Duration;
import java.util.List;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.RetrySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RetrySettings} checks its own values and is built from the built-in values.
 */
class RetrySettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(RetrySettings.builder().build()).isEqualTo(RetrySettings.DEFAULTS);
	}

	@Test
	void derivedCopyChangesOnlyWhatWasSet() {
		RetrySettings settings = RetrySettings.DEFAULTS.toBuilder().maxAttempts(5).build();
		assertThat(settings.maxAttempts()).isEqualTo(5);
		assertThat(settings.toBuilder().maxAttempts(RetrySettings.DEFAULTS.maxAttempts()).build())
			.isEqualTo(RetrySettings.DEFAULTS);
	}

	@Test
	void rejectsFewerThanOneAttempt() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().maxAttempts(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.max-attempts"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be at least 1 but was 0"))
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Set it to 1 or more."));
	}

	@Test
	void namesNoClientSinceItDoesNotKnowIt() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().maxAttempts(0).build())
			.satisfies((ex) -> assertThat(ex.getClientName()).isNull());
	}

	@Test
	void rejectsAWaitDurationThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().waitDuration(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.wait-duration"));
	}

	@Test
	void rejectsAMaxWaitDurationThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().maxWaitDuration(Duration.ofSeconds(-1)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.max-wait-duration"));
	}

	@Test
	void rejectsAMultiplierBelowOne() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().multiplier(0.5).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.multiplier"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be at least 1.0 but was 0.5"));
	}

	@Test
	void rejectsAJitterOfOne() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().jitter(1.0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.jitter"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be at least 0 and below 1 but was 1.0"));
	}

	@Test
	void rejectsANegativeJitter() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().jitter(-0.1).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.jitter"));
	}

	@Test
	void acceptsNoJitter() {
		assertThat(RetrySettings.builder().jitter(0).build().jitter()).isZero();
	}

	@Test
	void rejectsAStatusThatIsNotAnHttpStatus() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RetrySettings.builder().retryOnStatus(List.of(503, 600)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry.retry-on-status"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("contains 600, which is not an HTTP status"));
	}

	@Test
	void keepsTheStatusesInOrderAndReadOnly() {
		RetrySettings settings = RetrySettings.builder().retryOnStatus(List.of(504, 429, 503)).build();
		assertThat(settings.retryOnStatus()).containsExactly(429, 503, 504);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> settings.retryOnStatus().add(500));
	}

}
