package dev.connector.autoconfigure;

import dev.connector.autoconfigure.diagnostics.ConnectorConfigurationFailureAnalyzer;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.observation.DefaultConnectorObservationConvention;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection a native image needs is declared: what the binder, the typo check and the
 * {@code connectors} endpoint reach, and the registrar is found where Spring AOT looks.
 */
class ConnectorRuntimeHintsTest {

	private final RuntimeHints hints = hints();

	private static RuntimeHints hints() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, ConnectorRuntimeHintsTest.class.getClassLoader()));
		return hints;
	}

	@Test
	void propertiesClassesAndTheirNestedGroupsCanBeBound() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection().onType(ClientProperties.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethod(ClientProperties.Retry.class.getMethod(
				"setMaxAttempts", Integer.class)).invoke()).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ConnectorProperties.class)).accepts(this.hints);
	}

	@Test
	void settingsRecordsWalkedByTheConnectorsEndpointAreReadable() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection().onMethod(ClientSettings.class.getMethod("retry")).invoke())
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethod(ClientSettings.RetrySettings.class.getMethod("maxAttempts")).invoke()).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethod(AuthSettings.BearerSettings.class.getMethod("token")).invoke())
			.accepts(this.hints);
	}

	@Test
	void shippedConventionAndFailureAnalyzerCanBeCreated() {
		assertThat(RuntimeHintsPredicates.reflection().onType(DefaultConnectorObservationConvention.class))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ConnectorConfigurationFailureAnalyzer.class))
			.accepts(this.hints);
	}

}
