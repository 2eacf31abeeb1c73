package dev.connector.transport.http;

import java.util.Objects;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates {@code http} transports on Spring WebFlux's {@link WebClient} over Reactor Netty.
 * Each client gets its own connection pool and a {@code WebClient} built from a fresh
 * {@link WebClient.Builder}: in a Spring Boot application that is Boot's builder, so its
 * codecs, customizers and observation apply, and the client's own settings are applied after
 * them.
 * <p>
 * From the client's settings it applies: the base URL (required, {@code http} or
 * {@code https}), the headers, the connect timeout, the pool settings and the max in-memory
 * size, and the read timeout (the longest gap between two reads of a response). Deadlines
 * are the connector's, applied around the transport.
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
		this.builders = Objects.requireNonNull(builders, "builders must not be null");
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Transport create(ClientSettings settings) {
		if (settings.baseUrl() == null) {
			throw new ConfigurationException(settings.name(), "base-url", "is required for an http client",
					"Set the client's base-url to the upstream's URL, such as http://localhost:8081.");
		}
		String scheme = settings.baseUrl().getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			throw new ConfigurationException(settings.name(), "base-url",
					"'" + settings.baseUrl() + "' has scheme '" + scheme + "' but an http client needs http or https",
					"Use an http:// or https:// URL, or choose the transport that speaks " + scheme + ".");
		}
		ClientSettings.PoolSettings pool = settings.pool();
		String poolName = "connector-" + settings.name();
		HttpConnectionPool poolView = new HttpConnectionPool(poolName, pool.maxConnections());
		ConnectionProvider connections = ConnectionProvider.builder(poolName)
			.maxConnections(pool.maxConnections())
			.pendingAcquireTimeout(pool.pendingAcquireTimeout())
			.maxIdleTime(pool.maxIdleTime())
			// hands each pool's numbers to the view, not to Micrometer's global registry
			.metrics(true, () -> poolView)
			.build();
		// every connection of the client, so that closing the transport can cut off calls in flight
		ChannelGroup channels = new DefaultChannelGroup(poolName, GlobalEventExecutor.INSTANCE);
		HttpClient httpClient = HttpClient.create(connections)
			.doOnConnected((connection) -> channels.add(connection.channel()))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
					settings.connectTimeout().toMillis()));
		if (settings.readTimeout() != null) {
			// between two reads of one response; an idle pooled connection is not timed
			httpClient = httpClient.responseTimeout(settings.readTimeout());
		}
		WebClient webClient = this.builders.get()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.defaultHeaders((headers) -> headers.putAll(settings.headers()))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(settings.maxInMemorySize()))
			.build();
		return new HttpTransport(webClient, connections, channels, poolView);
	}

}
