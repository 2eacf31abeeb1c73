package dev.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.connector.config.ClientSettings;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.resilience.ClientResilience;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.http.HttpTransportFactory;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.codec.ClientCodecConfigurer;

/**
 * The shipped {@link Connector.Builder}.
 */
final class DefaultConnectorBuilder implements Connector.Builder {

	private ClientSettings.Builder settings;

	private TransportFactory transportFactory;

	private TransportRegistry transportRegistry;

	private ResilienceRegistries resilienceRegistries;

	private ObservationRegistry observationRegistry;

	private ConnectorObservationConvention observationConvention;

	private ConnectorBatchObservationConvention batchObservationConvention;

	private Consumer<ClientCodecConfigurer> codecs = (configurer) -> {
	};

	private final List<ConnectorInterceptor> interceptors = new ArrayList<>();

	DefaultConnectorBuilder(String name) {
		this.settings = ClientSettings.builder(name);
	}

	@Override
	public Connector.Builder settings(ClientSettings settings) {
		this.settings = settings.toBuilder();
		return this;
	}

	@Override
	public Connector.Builder settings(Consumer<ClientSettings.Builder> customizer) {
		customizer.accept(this.settings);
		return this;
	}

	@Override
	public Connector.Builder transportFactory(TransportFactory factory) {
		this.transportFactory = factory;
		return this;
	}

	@Override
	public Connector.Builder transportRegistry(TransportRegistry registry) {
		this.transportRegistry = registry;
		return this;
	}

	@Override
	public Connector.Builder resilienceRegistries(ResilienceRegistries registries) {
		this.resilienceRegistries = registries;
		return this;
	}

	@Override
	public Connector.Builder observationRegistry(ObservationRegistry registry) {
		this.observationRegistry = registry;
		return this;
	}

	@Override
	public Connector.Builder observationConvention(ConnectorObservationConvention convention) {
		this.observationConvention = convention;
		return this;
	}

	@Override
	public Connector.Builder batchObservationConvention(ConnectorBatchObservationConvention convention) {
		this.batchObservationConvention = convention;
		return this;
	}

	@Override
	public Connector.Builder codecs(Consumer<ClientCodecConfigurer> configurer) {
		this.codecs = this.codecs.andThen(configurer);
		return this;
	}

	@Override
	public Connector.Builder interceptor(ConnectorInterceptor interceptor) {
		this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
		return this;
	}

	@Override
	public Connector.Builder interceptors(Consumer<List<ConnectorInterceptor>> interceptors) {
		interceptors.accept(this.interceptors);
		return this;
	}

	@Override
	public Connector build() {
		ClientSettings settings = this.settings.build();
		ClientResilience resilience = ClientResilience.create(settings,
				(this.resilienceRegistries != null) ? this.resilienceRegistries : ResilienceRegistries.ofDefaults());
		Transport transport = transportFactory(settings).create(settings);
		ClientCodecConfigurer configurer = ClientCodecConfigurer.create();
		this.codecs.accept(configurer);
		List<ConnectorInterceptor> interceptors = new ArrayList<>(this.interceptors);
		if (settings.logging().level() != ClientSettings.LogLevel.NONE) {
			// innermost: it logs the request as sent, after the other interceptors changed it
			interceptors.add(new LoggingInterceptor(settings));
		}
		return new DefaultConnector(settings, transport, interceptors, new BodyDecoder(configurer), resilience,
				this.observationRegistry, this.observationConvention, this.batchObservationConvention);
	}

	private TransportFactory transportFactory(ClientSettings settings) {
		if (this.transportFactory != null) {
			return this.transportFactory;
		}
		TransportRegistry registry = (this.transportRegistry != null) ? this.transportRegistry
				: TransportRegistry.of(new HttpTransportFactory());
		TransportFactory factory = registry.get(settings.transport());
		if (factory == null) {
			throw new ConfigurationException(settings.name(), "transport",
					"no transport of type '" + settings.transport() + "' is registered (known: " + registry.types()
							+ ")",
					"Use one of " + registry.types() + ", or register a TransportFactory whose type() is '"
							+ settings.transport() + "'.");
		}
		return factory;
	}

}
