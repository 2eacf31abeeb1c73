package dev.connector.config;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings.BulkheadSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.BulkheadSettings} checks its own values and is built from the built-in
 * values.
 */
class BulkheadSettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(BulkheadSettings.builder().build()).isEqualTo(BulkheadSettings.DEFAULTS);
	}

	@Test
	void rejectsFewerThanOneConcurrentCall() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> BulkheadSettings.builder().maxConcurrentCalls(0).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("bulkhead.max-concurrent-calls"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("must be at least 1 but was 0"));
	}

}
