package dev.connector.transport.netty;

import java.util.function.Supplier;

import dev.connector.config.ClientSettings;
import reactor.netty.http.client.HttpClient;

/**
 * Makes the Reactor Netty {@link HttpClient} that a {@code netty} client sends on, from the
 * pooled client {@link NettyTransportFactory} prepared for it: the {@code netty} transport's
 * counterpart of the {@code http} transport's
 * {@link dev.connector.transport.http.HttpConnectorFactory}. The Spring Boot integration
 * supplies one that applies the client's SSL bundle and the application's
 * {@code ReactorNettyHttpClientMapper} beans; without Spring Boot, an application that needs
 * its own TLS material supplies one that calls
 * {@link HttpClient#secure(java.util.function.Consumer)}.
 * <p>
 * Called once per client, when the client is built. The client must derive from the given
 * one (do not create another), so that the pool's numbers and the client's shutdown cover
 * every connection, and should keep its redirect policy, which strips credentials from
 * redirects to another host.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NettyClientFactory {

	/**
	 * Create the {@code HttpClient} of one client.
	 * @param settings the client's resolved settings
	 * @param httpClient the client's {@code HttpClient}, on its own connection pool, with
	 * the connect and read timeouts, the proxy, compression, HTTP versions and redirect
	 * policy of the settings applied, and the JDK's default trust for {@code https}
	 * @return the client to send each exchange on, read when the exchange starts: a client
	 * made once (not one made on each read), which may change later, as when an SSL bundle
	 * is updated
	 * @throws dev.connector.ConfigurationException if the settings ask for something this
	 * factory cannot provide, such as an SSL bundle it cannot find
	 */
	Supplier<HttpClient> create(ClientSettings settings, HttpClient httpClient);

}
