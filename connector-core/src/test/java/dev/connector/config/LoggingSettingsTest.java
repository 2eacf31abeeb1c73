package dev.connector.config;

import java.util.List;

import dev.connector.config.ClientSettings.LogLevel;
import dev.connector.config.ClientSettings.LoggingSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClientSettings.LoggingSettings} keeps its own copy of the header names and is built
 * from the built-in values.
 */
class LoggingSettingsTest {

	@Test
	void builderStartsFromTheBuiltInValues() {
		assertThat(LoggingSettings.builder().build()).isEqualTo(LoggingSettings.DEFAULTS);
	}

	@Test
	void keepsAReadOnlyCopyOfTheRedactedHeaders() {
		LoggingSettings settings = LoggingSettings.builder().level(LogLevel.HEADERS)
			.redactHeaders(List.of("X-Api-Key"))
			.build();
		assertThat(settings.redactHeaders()).containsExactly("X-Api-Key");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> settings.redactHeaders().add("Cookie"));
	}

}
