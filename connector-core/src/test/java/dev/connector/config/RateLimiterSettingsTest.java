package dev.connector.config;

import java.time.Duration;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.RateLimiterSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.RateLimiterSettings} checks its own values and is built from the built-in
 * values.
 */
class RateLimiterSettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(RateLimiterSettings.builder().build()).isEqualTo(RateLimiterSettings.DEFAULTS);
	}

	@Test
	void rejectsFewerThanOneCallPerPeriod() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RateLimiterSettings.builder().limitForPeriod(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("rate-limiter.limit-for-period"));
	}

	@Test
	void rejectsARefreshPeriodThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RateLimiterSettings.builder().limitRefreshPeriod(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("rate-limiter.limit-refresh-period"));
	}

	@Test
	void rejectsANegativeTimeout() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RateLimiterSettings.builder().timeoutDuration(Duration.ofMillis(-1)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("rate-limiter.timeout-duration"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must not be negative but was PT-0.001S"))
			.satisfies((ex) -> assertThat(ex.getAction())
				.isEqualTo("Set it to 0 for no waiting, or a duration such as 500ms."));
	}

	@Test
	void acceptsATimeoutOfZero() {
		assertThat(RateLimiterSettings.builder().timeoutDuration(Duration.ZERO).build().timeoutDuration())
			.isZero();
	}

}
