package dev.connector.transport.netty;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.http.PooledHttpClient;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.codec.ClientCodecConfigurer;

/**
 * Creates {@code netty} transports: HTTP straight on Reactor Netty's {@link HttpClient},
 * without {@code WebClient} between the connector and the connection. Each client gets its
 * own connection pool, prepared from its settings exactly as for the {@code http}
 * transport ({@link PooledHttpClient}: base URL, connect and read timeouts, pool, proxy,
 * compression, HTTP versions, redirect policy); the client's headers are sent with every
 * request, a request's own header replacing the client's of the same name. Request bodies
 * are written by the codecs the factory is given (in a Spring Boot application, those of
 * its {@code CodecCustomizer} beans, as Boot's {@code WebClient.Builder} would have them),
 * with the client's {@code max-in-memory-size}.
 * <p>
 * What a {@code netty} client does not have is what lives in {@code WebClient}: the
 * application's {@code WebClientCustomizer} beans and {@code ExchangeFilterFunction}s do not
 * apply. Interceptors, authentication, retries, time limits and observation are the
 * connector's and work as for {@code http}.
 * <p>
 * The client's {@code HttpClient} is made by a {@link NettyClientFactory} from the prepared
 * one; by default it is used as it is, with the JDK's trust store, and a client that names
 * an SSL bundle ({@code ssl.bundle}) is refused, since bundles are Spring Boot's: the
 * Spring Boot integration supplies a factory that resolves them.
 *
 * @since 0.1.0
 */
public final class NettyTransportFactory implements TransportFactory {

	/** The type name of this transport. */
	public static final String TYPE = "netty";

	private final Consumer<ClientCodecConfigurer> codecs;

	private final NettyClientFactory clients;

	/**
	 * Create a factory that writes bodies with the default codecs.
	 */
	public NettyTransportFactory() {
		this((codecs) -> {
		});
	}

	/**
	 * Create a factory that writes bodies with the given codecs.
	 * @param codecs configures the codecs of each client, such as registering an
	 * application's {@code ObjectMapper}
	 */
	public NettyTransportFactory(Consumer<ClientCodecConfigurer> codecs) {
		this(codecs, NettyTransportFactory::withoutBundles);
	}

	/**
	 * Create a factory that writes bodies with the given codecs and makes each client's
	 * {@code HttpClient} with the given factory.
	 * @param codecs configures the codecs of each client
	 * @param clients makes each client's {@code HttpClient} from its prepared one
	 */
	public NettyTransportFactory(Consumer<ClientCodecConfigurer> codecs, NettyClientFactory clients) {
		this.codecs = Objects.requireNonNull(codecs, "codecs must not be null");
		this.clients = Objects.requireNonNull(clients, "clients must not be null");
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Transport create(ClientSettings settings) {
		PooledHttpClient connections = PooledHttpClient.create(settings);
		Supplier<HttpClient> httpClients;
		try {
			HttpClient prepared = connections.httpClient();
			if (!settings.headers().isEmpty()) {
				// defaults of every request: a request's own header of the same name is set over them
				prepared = prepared.headers((headers) -> settings.headers().forEach(headers::set));
			}
			httpClients = Objects.requireNonNull(this.clients.create(settings, prepared),
					"NettyClientFactory returned null");
		}
		catch (RuntimeException ex) {
			connections.dispose();
			throw ex;
		}
		ClientCodecConfigurer configurer = ClientCodecConfigurer.create();
		this.codecs.accept(configurer);
		configurer.defaultCodecs().maxInMemorySize(settings.maxInMemorySize());
		return new NettyTransport(httpClients, connections, configurer.getWriters());
	}

	/**
	 * The client outside Spring Boot: the prepared client as it is.
	 */
	private static Supplier<HttpClient> withoutBundles(ClientSettings settings, HttpClient httpClient) {
		if (settings.ssl().bundle() != null) {
			throw new ConfigurationException(settings.name(), "ssl.bundle",
					"names SSL bundle '" + settings.ssl().bundle() + "' but SSL bundles need Spring Boot",
					"Use the connector Spring Boot starter, which resolves spring.ssl.bundle.*, or build "
							+ "the client with a NettyTransportFactory whose NettyClientFactory applies "
							+ "your TLS material with HttpClient.secure.");
		}
		return () -> httpClient;
	}

}
