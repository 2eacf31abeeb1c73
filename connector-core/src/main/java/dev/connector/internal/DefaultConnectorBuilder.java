package dev.connector.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorInterceptor;
import dev.connector.auth.Authenticators;
import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.config.ClientSettings;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.resilience.ClientResilience;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.http.HttpTransportFactory;
import dev.connector.transport.netty.NettyTransportFactory;
import dev.connector.transport.UriResolver;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.codec.ClientCodecConfigurer;

/**
 * The shipped {@link Connector.Builder}: assembles a client's {@link ClientRuntime}.
 */
public final class DefaultConnectorBuilder implements Connector.Builder {

	private ClientSettings.Builder settings;

	private TransportFactory transportFactory;

	private TransportRegistry transportRegistry;

	private ResilienceRegistries resilienceRegistries;

	private ObservationRegistry observationRegistry;

	private ConnectorObservationConvention observationConvention;

	private ConnectorBatchObservationConvention batchObservationConvention;

	private Scheduler scheduler;

	private Consumer<ClientCodecConfigurer> codecs = (configurer) -> {
	};

	private final List<ConnectorInterceptor> interceptors = new ArrayList<>();

	private ConnectorAuthenticator authenticator;

	/**
	 * Start building the named client.
	 * @param name the client's name
	 */
	public DefaultConnectorBuilder(String name) {
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
	public Connector.Builder scheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
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
	public Connector.Builder authenticator(ConnectorAuthenticator authenticator) {
		this.authenticator = authenticator;
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
		TransportFactory factory = transportFactory(settings);
		ClientCodecConfigurer configurer = ClientCodecConfigurer.create();
		this.codecs.accept(configurer);
		// per element of a stream, as per body of a call
		configurer.defaultCodecs().maxInMemorySize(settings.maxInMemorySize());
		BodyDecoder decoder = new BodyDecoder(settings.name(), configurer);
		List<ConnectorInterceptor> interceptors = new ArrayList<>(this.interceptors);
		ConnectorAuthenticator authenticator = (this.authenticator != null) ? this.authenticator
				: Authenticators.fromSettings(settings);
		if (authenticator != null) {
			// after the application's interceptors, before logging, which masks what it adds
			interceptors.add(new AuthInterceptor(authenticator));
		}
		if (settings.logging().level() != ClientSettings.LogLevel.NONE) {
			// innermost: it logs the request as sent, after the other interceptors changed it
			interceptors.add(new LoggingInterceptor(settings));
		}
		Transport transport = factory.create(settings);
		ClientResilience resilience;
		try {
			// last: nothing can fail after the client's instances are registered
			resilience = ClientResilience.create(settings, (this.resilienceRegistries != null)
					? this.resilienceRegistries : ResilienceRegistries.ofDefaults());
		}
		catch (RuntimeException ex) {
			transport.disconnect().subscribe(null, (error) -> ex.addSuppressed(error));
			throw ex;
		}
		DeadlineTimer shared = (this.scheduler != null) ? null : DeadlineTimer.acquire();
		Scheduler timer = (shared != null) ? shared : this.scheduler;
		UriResolver uris = new UriResolver(settings.baseUrl());
		UriRedactor redactor = UriRedactor.of(settings);
		ObservationRegistry observationRegistry = observed(settings) ? this.observationRegistry : null;
		CallObservations observations = (observationRegistry != null) ? new CallObservations(observationRegistry,
				this.observationConvention, settings.name(), settings.transport(), uris, redactor) : null;
		RetryLoop retryLoop = (resilience.retry() != null)
				? new RetryLoop(resilience.retry(), new RetryPolicy(settings.retry()), timer) : null;
		ClientRuntime runtime = new ClientRuntime(settings, new TransportConnection(transport),
				new TransportExchange(transport, uris, decoder, settings.maxInMemorySize(), redactor), List.copyOf(interceptors),
				decoder, new StreamDecoder(settings.name(), configurer), resilience, retryLoop, observations, new FailureTranslator(settings, Clock.systemUTC()), timer,
				new HealthTracker(Clock.systemUTC()), uris);
		BatchObservations batchObservations = (observationRegistry != null)
				? new BatchObservations(observationRegistry, this.batchObservationConvention, settings.name()) : null;
		return new DefaultConnector(runtime, batchObservations, (shared != null) ? shared::release : () -> {
		});
	}

	/**
	 * Whether calls are observed: not without a registry, with a no-op one, or with
	 * observation switched off, so that nothing is spent on it.
	 */
	private boolean observed(ClientSettings settings) {
		return this.observationRegistry != null && !this.observationRegistry.isNoop()
				&& settings.observationEnabled();
	}

	private TransportFactory transportFactory(ClientSettings settings) {
		if (this.transportFactory != null) {
			return this.transportFactory;
		}
		TransportRegistry registry = (this.transportRegistry != null) ? this.transportRegistry
				: TransportRegistry.of(new HttpTransportFactory(), new NettyTransportFactory());
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
