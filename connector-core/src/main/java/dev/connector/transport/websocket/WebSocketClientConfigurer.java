package dev.connector.transport.websocket;

import dev.connector.config.ClientSettings;
import reactor.netty.http.client.HttpClient;

/**
 * Configures the Reactor Netty {@link HttpClient} a {@code websocket} client connects
 * with, after the transport applied the client's connect timeout and proxy: the hook
 * through which TLS material reaches the transport. The Spring Boot starter's configurer
 * applies the client's {@code ssl.bundle}; without it, a {@code wss://} URL is verified
 * with the JDK's trust store and {@code ssl.bundle} is refused.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WebSocketClientConfigurer {

	/**
	 * Configure the client of one {@code websocket} client.
	 * @param settings the client's settings
	 * @param client the prepared client
	 * @return the client to connect with
	 * @throws dev.connector.ConfigurationException if the settings cannot be applied
	 */
	HttpClient configure(ClientSettings settings, HttpClient client);

}
