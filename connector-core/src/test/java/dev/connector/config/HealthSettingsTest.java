package dev.connector.config;

import java.time.Duration;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.HealthSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.HealthSettings} checks its own values and is built from the built-in
 * values.
 */
class HealthSettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(HealthSettings.builder().build()).isEqualTo(HealthSettings.DEFAULTS);
	}

	@Test
	void rejectsAFailureThresholdBelowOne() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> HealthSettings.builder().failureThreshold(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("health.failure-threshold"));
	}

	@Test
	void rejectsAProbeIntervalThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> HealthSettings.builder().probeInterval(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("health.probe.interval"));
	}

	@Test
	void rejectsAProbeTimeoutThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> HealthSettings.builder().probeTimeout(Duration.ofSeconds(-2)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("health.probe.timeout"));
	}

}
