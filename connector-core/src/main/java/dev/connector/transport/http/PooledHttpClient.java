package dev.connector.transport.http;

import java.util.Optional;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.config.ProxySettings;
import dev.connector.config.Secret;
import dev.connector.transport.ConnectionPoolView;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

/**
 * One client's Reactor Netty {@link HttpClient} on its own connection pool, prepared from
 * the client's settings, as the transports that speak HTTP on Reactor Netty ({@code http}
 * and {@code netty}) share it. Not API: public only for the transport packages beside this
 * one, and free to change.
 * <p>
 * The prepared client has the connect timeout, the read timeout (as Reactor Netty's
 * {@code responseTimeout}: the longest gap between two reads of a response), the proxy,
 * compression, the HTTP versions and the {@link RedirectPolicy redirect policy} of the
 * settings, and the JDK's default trust for {@code https}. Its pool is named
 * {@code connector-<client>} and every connection it opens joins a channel group, so that
 * {@link #disconnect()} can cut off calls still in flight before it disposes of the pool.
 *
 * @since 0.1.0
 */
public final class PooledHttpClient {

	private final HttpClient httpClient;

	private final ConnectionProvider connections;

	private final ChannelGroup channels;

	private final HttpConnectionPool pool;

	private PooledHttpClient(HttpClient httpClient, ConnectionProvider connections, ChannelGroup channels,
			HttpConnectionPool pool) {
		this.httpClient = httpClient;
		this.connections = connections;
		this.channels = channels;
		this.pool = pool;
	}

	/**
	 * Prepare the pooled client of one client's settings. No connection is opened yet.
	 * @param settings the client's resolved settings
	 * @return the prepared client; whoever creates it disconnects it
	 * @throws ConfigurationException if the base URL is missing or not {@code http} or
	 * {@code https}, or the HTTP versions asked for do not suit it
	 */
	public static PooledHttpClient create(ClientSettings settings) {
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
		HttpProtocol[] protocols = protocols(settings);
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
					settings.connectTimeout().toMillis()))
			.compress(settings.compression())
			.protocol(protocols);
		if (settings.readTimeout() != null) {
			// between two reads of one response; an idle pooled connection is not timed
			httpClient = httpClient.responseTimeout(settings.readTimeout());
		}
		if (settings.proxy().enabled()) {
			httpClient = proxy(httpClient, settings.proxy());
		}
		httpClient = RedirectPolicy.apply(httpClient, settings);
		return new PooledHttpClient(httpClient, connections, channels, poolView);
	}

	/**
	 * Return the prepared client. Derive from it (TLS, mappers) rather than create another,
	 * so that the pool and {@link #disconnect()} cover every connection.
	 * @return the client
	 */
	public HttpClient httpClient() {
		return this.httpClient;
	}

	/**
	 * Return the read-only view of the pool, summed over remote addresses.
	 * @return the pool's view
	 */
	public Optional<ConnectionPoolView> pool() {
		return Optional.of(this.pool);
	}

	/**
	 * Close the connections still serving calls, then the pool with its idle ones.
	 * @return a publisher that completes when every connection is closed
	 */
	public Mono<Void> disconnect() {
		return Mono.<Void>create((sink) -> this.channels.close().addListener((closed) -> sink.success()))
			.then(this.connections.disposeLater());
	}

	/**
	 * Dispose of the pool at once, as when the transport being built on it failed.
	 */
	public void dispose() {
		this.connections.dispose();
	}

	/**
	 * The HTTP versions of the settings: HTTP/1.1, with {@code http2.enabled} also HTTP/2
	 * over TLS (negotiated with ALPN), and with {@code http2.cleartext} HTTP/2 with prior
	 * knowledge for plain {@code http} (which leaves no HTTP/1.1 to fall back to, so a
	 * client with both speaks only HTTP/2).
	 */
	private static HttpProtocol[] protocols(ClientSettings settings) {
		ClientSettings.Http2Settings http2 = settings.http2();
		if (http2.cleartext()) {
			if (!http2.enabled() && "https".equalsIgnoreCase(settings.baseUrl().getScheme())) {
				throw new ConfigurationException(settings.name(), "http2.cleartext",
						"is for http:// URLs but base-url '" + settings.baseUrl() + "' is https",
						"Set http2.enabled to true for HTTP/2 over TLS, and http2.cleartext to false.");
			}
			return http2.enabled() ? new HttpProtocol[] { HttpProtocol.H2, HttpProtocol.H2C }
					: new HttpProtocol[] { HttpProtocol.H2C };
		}
		return http2.enabled() ? new HttpProtocol[] { HttpProtocol.H2, HttpProtocol.HTTP11 }
				: new HttpProtocol[] { HttpProtocol.HTTP11 };
	}

	/**
	 * Route a client through a proxy; the password is read when a connection
	 * authenticates. Shared with the {@code websocket} transport.
	 * @param httpClient the client
	 * @param proxy the proxy, with a host
	 * @return the client routed through the proxy
	 */
	public static HttpClient proxy(HttpClient httpClient, ProxySettings proxy) {
		ProxyProvider.Proxy type = switch (proxy.type()) {
			case HTTP -> ProxyProvider.Proxy.HTTP;
			case SOCKS4 -> ProxyProvider.Proxy.SOCKS4;
			case SOCKS5 -> ProxyProvider.Proxy.SOCKS5;
		};
		return httpClient.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(type).host(proxy.host()).port(proxy.port());
			if (proxy.nonProxyHosts() != null) {
				builder.nonProxyHosts(proxy.nonProxyHosts());
			}
			if (proxy.username() != null) {
				builder.username(proxy.username());
			}
			if (proxy.password() != null) {
				Secret password = proxy.password();
				// read when a connection authenticates, never kept as text
				builder.password((username) -> password.reveal());
			}
		});
	}

	@Override
	public String toString() {
		return "PooledHttpClient[" + this.pool.name() + "]";
	}

}
