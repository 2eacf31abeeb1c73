package dev.connector.config;

import java.time.Duration;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.PoolSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.PoolSettings} checks its own values and is built from the built-in
 * values.
 */
class PoolSettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(PoolSettings.builder().build()).isEqualTo(PoolSettings.DEFAULTS);
	}

	@Test
	void rejectsFewerThanOneConnection() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PoolSettings.builder().maxConnections(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.max-connections"))
			.satisfies((ex) -> assertThat(ex.getClientName()).isNull());
	}

	@Test
	void rejectsAPendingAcquireTimeoutThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PoolSettings.builder().pendingAcquireTimeout(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.pending-acquire-timeout"));
	}

	@Test
	void rejectsAMaxIdleTimeThatIsNotPositive() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PoolSettings.builder().maxIdleTime(null).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pool.max-idle-time"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be a positive duration but was null"));
	}

}
