package dev.connector.transport.http;

import dev.connector.config.ClientSettings;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Makes the {@link ClientHttpConnector} that an {@code http} client's {@code WebClient}
 * runs on, from the Reactor Netty {@link HttpClient} that {@link HttpTransportFactory}
 * prepared for the client. The Spring Boot integration supplies one that builds the
 * connector with Spring Boot's {@code ClientHttpConnectorBuilder}, so that SSL bundles and
 * the application's {@code ReactorNettyHttpClientMapper} beans apply; without Spring Boot,
 * an application that needs its own TLS material supplies one that calls
 * {@link HttpClient#secure(java.util.function.Consumer)}.
 * <p>
 * Called once per client, when the client is built. The connector must keep using the
 * given client's connection pool (derive from the given client, do not create another),
 * so that the pool's numbers and the client's shutdown cover every connection, and should
 * keep its redirect policy, which strips credentials from redirects to another host.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HttpConnectorFactory {

	/**
	 * Create the connector of one client.
	 * @param settings the client's resolved settings
	 * @param httpClient the client's {@code HttpClient}, on its own connection pool, with
	 * the connect and read timeouts, the proxy, compression, HTTP versions and redirect
	 * policy of the settings applied, and the JDK's default trust for {@code https}
	 * @return the connector
	 * @throws dev.connector.ConfigurationException if the settings ask for something this
	 * factory cannot provide, such as an SSL bundle it cannot find
	 */
	ClientHttpConnector create(ClientSettings settings, HttpClient httpClient);

}
