package dev.connector.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorInterceptor;
import dev.connector.config.ClientSettings;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.transport.TransportRegistry;
import io.micrometer.observation.ObservationRegistry;


/**
 * Creates the auto-configured clients: resolves every client's settings once, when the
 * factory is created (so a bad configuration stops start-up), and builds a
 * {@link Connector} per client on request with the application's transports, codecs,
 * interceptors, authenticators and customizers.
 *
 * @since 0.1.0
 */
public final class ConnectorFactory {

	private final Map<String, ClientSettings> settings;

	private final TransportRegistry transports;

	private final ApplicationHooks hooks;

	private final List<ConnectorInterceptor> interceptors;

	private final List<ConnectorCustomizer> customizers;

	private final ResilienceRegistries resilienceRegistries;

	private final ConnectorObservations observations;

	private final ConnectorAuthenticators authenticators;

	ConnectorFactory(ConnectorProperties properties, TransportRegistry transports,
			ResilienceRegistries resilienceRegistries, ConnectorObservations observations,
			ApplicationHooks hooks, List<ConnectorInterceptor> interceptors,
			List<ConnectorCustomizer> customizers, ConnectorAuthenticators authenticators) {
		this.settings = ClientSettingsResolver.resolve(properties);
		this.transports = transports;
		this.resilienceRegistries = resilienceRegistries;
		this.observations = observations;
		this.hooks = hooks;
		this.interceptors = List.copyOf(interceptors);
		this.customizers = List.copyOf(customizers);
		this.authenticators = authenticators;
	}

	/**
	 * What the clients are observed with: the application's registry (or {@code null} when
	 * observation is off) and the conventions that replace the defaults (or {@code null}).
	 *
	 * @param registry the registry
	 * @param convention the call convention
	 * @param batchConvention the batch convention
	 */
	record ConnectorObservations(ObservationRegistry registry, ConnectorObservationConvention convention,
			ConnectorBatchObservationConvention batchConvention) {

	}

	/**
	 * Return the resolved settings of every configured client.
	 * @return read-only settings by client name, in configuration order
	 */
	public Map<String, ClientSettings> settings() {
		return this.settings;
	}

	/**
	 * Build the named client.
	 * @param name the client's name
	 * @return a new client; the caller closes it
	 * @throws ConfigurationException if no client has that name or it cannot be built
	 */
	public Connector create(String name) {
		ClientSettings clientSettings = this.settings.get(name);
		if (clientSettings == null) {
			throw ClientSettingsResolver.unknownClient(name, this.settings.keySet());
		}
		Connector.Builder builder = Connector.builder(name)
			.settings(clientSettings)
			.transportRegistry(this.transports)
			.resilienceRegistries(this.resilienceRegistries)
			.observationRegistry(this.observations.registry())
			.observationConvention(this.observations.convention())
			.batchObservationConvention(this.observations.batchConvention())
			.codecs(this.hooks::customizeCodecs);
		this.interceptors.forEach(builder::interceptor);
		String prefix = ClientSettingsResolver.clientPrefix(name);
		// before the customizers, which may replace it
		builder.authenticator(ClientSettingsResolver.withPrefix(name, prefix,
				() -> this.authenticators.create(clientSettings)));
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		return ClientSettingsResolver.withPrefix(name, prefix, builder::build);
	}

}
