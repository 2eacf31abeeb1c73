package dev.connector.config;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.BatchSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.BatchSettings} checks its own value.
 */
class BatchSettingsTest {

	@Test
	void rejectsAConcurrencyBelowOne() {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> new BatchSettings(0))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("batch.max-concurrency"));
	}

}
