package dev.connector.autoconfigure;

import dev.connector.config.ClientSettings;
import dev.connector.transport.websocket.WebSocketClientConfigurer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Secures each {@code websocket} client that names an SSL bundle ({@code ssl.bundle}) with
 * the bundle's trust material and, for mutual TLS, its key; other {@code wss://} clients use
 * the JDK's trust store. Certificates and host names are always verified. The bundle is
 * read when the client is created: a WebSocket opens a new connection per call or session,
 * but bundle updates reach only clients created after them.
 */
final class BootWebSocketClientConfigurer implements WebSocketClientConfigurer {

	private final SslBundles sslBundles;

	BootWebSocketClientConfigurer(SslBundles sslBundles) {
		this.sslBundles = sslBundles;
	}

	@Override
	public HttpClient configure(ClientSettings settings, HttpClient client) {
		String name = settings.ssl().bundle();
		if (name == null) {
			return "wss".equalsIgnoreCase(settings.baseUrl().getScheme()) ? client.secure() : client;
		}
		SslBundle bundle = BootHttpConnectorFactory.bundle(this.sslBundles, settings, name);
		return BootHttpConnectorFactory.secure(client, bundle, Http11SslContextSpec.forClient());
	}

}
