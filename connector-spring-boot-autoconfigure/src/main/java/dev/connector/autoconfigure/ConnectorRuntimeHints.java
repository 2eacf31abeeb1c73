package dev.connector.autoconfigure;

import dev.connector.autoconfigure.diagnostics.ConnectorConfigurationFailureAnalyzer;
import dev.connector.config.ClientSettings;
import dev.connector.observation.DefaultConnectorAttemptObservationConvention;
import dev.connector.observation.DefaultConnectorBatchObservationConvention;
import dev.connector.observation.DefaultConnectorObservationConvention;
import dev.connector.observation.DefaultConnectorStreamObservationConvention;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What Connector reaches by reflection, for an application compiled to a native image
 * (registered in {@code META-INF/spring/aot.factories}):
 * <ul>
 * <li>the properties classes, which the binder fills and the typo check walks (Boot
 * registers {@code ConnectorProperties} itself; {@code ClientProperties} is also bound on
 * its own, by name);</li>
 * <li>the resolved settings records, whose components the {@code connectors} actuator
 * endpoint walks;</li>
 * <li>the shipped observation conventions, which the {@code ObservationDocumentation} names
 * by class;</li>
 * <li>the failure analyzer, which Boot creates from {@code spring.factories}.</li>
 * </ul>
 * The SDK transports call their SDKs directly; the SDKs' own models are theirs to describe.
 */
class ConnectorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(ConnectorProperties.class, ClientProperties.class)
			.registerHints(hints, classLoader);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), ClientSettings.class);
		for (Class<?> convention : new Class<?>[] { DefaultConnectorObservationConvention.class,
				DefaultConnectorAttemptObservationConvention.class, DefaultConnectorBatchObservationConvention.class,
				DefaultConnectorStreamObservationConvention.class }) {
			hints.reflection().registerType(convention, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		hints.reflection()
			.registerType(TypeReference.of(ConnectorConfigurationFailureAnalyzer.class),
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

}
