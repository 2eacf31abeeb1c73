package dev.connector.transport.http;

import java.util.Objects;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates {@code http} transports on Spring WebFlux's {@link WebClient} over Reactor Netty.
 * Each client gets its own connection pool and a {@code WebClient} built from a fresh
 * {@link WebClient.Builder}: in a Spring Boot application that is Boot's builder, so its
 * codecs and customizers apply, and the client's own settings are applied after them. The
 * builder's own observation ({@code http.client.requests}) is switched off for these
 * clients: the connector's observations of each call and attempt replace it, so each
 * exchange is observed once.
 * <p>
 * From the client's settings it applies: the base URL (required, {@code http} or
 * {@code https}), the headers, the connect timeout, the pool settings and the max in-memory
 * size, the read timeout (the longest gap between two reads of a response), the proxy,
 * compression ({@code Accept-Encoding: gzip} and decoding), the HTTP versions and the
 * redirect policy: redirects are followed only with {@code follow-redirects}, and a
 * redirect to another origin never carries {@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie} or the client's API key header. Certificates
 * and host names are always verified. Deadlines are the connector's, applied around the
 * transport.
 * <p>
 * The {@code WebClient}'s connector is made by an {@link HttpConnectorFactory} from the
 * client's prepared {@code HttpClient}; by default it is used as it is, with the JDK's
 * trust store, and a client that names an SSL bundle ({@code ssl.bundle}) is refused,
 * since bundles are Spring Boot's: the Spring Boot integration supplies a factory that
 * resolves them.
 * <p>
 * The pool is named {@code connector-<client>}; its current numbers are readable through
 * {@link Transport#pool()} (Reactor Netty's {@code ConnectionPoolMetrics}, summed over
 * remote addresses), which is what the auto-configuration exports as meters.
 *
 * @since 0.1.0
 */
public final class HttpTransportFactory implements TransportFactory {

	/** The type name of this transport. */
	public static final String TYPE = "http";

	private final Supplier<WebClient.Builder> builders;

	private final HttpConnectorFactory connectors;

	/**
	 * Create a factory that starts each client from {@link WebClient#builder()}.
	 */
	public HttpTransportFactory() {
		this(WebClient::builder);
	}

	/**
	 * Create a factory that starts each client from a builder of the given supplier.
	 * @param builders supplies a new, unshared builder per call, such as Spring Boot's
	 * prototype {@code WebClient.Builder} bean
	 */
	public HttpTransportFactory(Supplier<WebClient.Builder> builders) {
		this(builders, HttpTransportFactory::withoutBundles);
	}

	/**
	 * Create a factory that starts each client from a builder of the given supplier and
	 * makes its connector with the given factory.
	 * @param builders supplies a new, unshared builder per call, such as Spring Boot's
	 * prototype {@code WebClient.Builder} bean
	 * @param connectors makes each client's connector from its prepared {@code HttpClient}
	 */
	public HttpTransportFactory(Supplier<WebClient.Builder> builders, HttpConnectorFactory connectors) {
		this.builders = Objects.requireNonNull(builders, "builders must not be null");
		this.connectors = Objects.requireNonNull(connectors, "connectors must not be null");
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Transport create(ClientSettings settings) {
		PooledHttpClient connections = PooledHttpClient.create(settings);
		ClientHttpConnector connector;
		try {
			connector = this.connectors.create(settings, connections.httpClient());
		}
		catch (RuntimeException ex) {
			connections.dispose();
			throw ex;
		}
		WebClient webClient = this.builders.get()
			.clientConnector(connector)
			// the connector observes each call and attempt itself, guarded: a second,
			// unguarded observation per exchange (Boot's http.client.requests) would duplicate
			// spans and metrics, and a handler that throws in it would fail the call
			.observationRegistry(ObservationRegistry.NOOP)
			.defaultHeaders((headers) -> settings.headers().forEach(headers::put))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(settings.maxInMemorySize()))
			.build();
		return new HttpTransport(webClient, connections);
	}

	/**
	 * The connector of a client outside Spring Boot: the prepared client as it is.
	 */
	private static ClientHttpConnector withoutBundles(ClientSettings settings, HttpClient httpClient) {
		if (settings.ssl().bundle() != null) {
			throw new ConfigurationException(settings.name(), "ssl.bundle",
					"names SSL bundle '" + settings.ssl().bundle() + "' but SSL bundles need Spring Boot",
					"Use the connector Spring Boot starter, which resolves spring.ssl.bundle.*, or build "
							+ "the client with an HttpTransportFactory whose HttpConnectorFactory applies "
							+ "your TLS material with HttpClient.secure.");
		}
		return new ReactorClientHttpConnector(httpClient);
	}

}
