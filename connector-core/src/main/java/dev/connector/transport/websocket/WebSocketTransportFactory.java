package dev.connector.transport.websocket;

import java.util.Objects;
import java.util.function.Consumer;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.http.PooledHttpClient;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.http.codec.ClientCodecConfigurer;

/**
 * Creates {@code websocket} transports on Reactor Netty's WebSocket client, for clients
 * configured with {@code transport: websocket} and a {@code ws://} or {@code wss://} URL
 * ({@code url} or {@code base-url}). Each call, stream and session opens its own WebSocket
 * connection, never shared:
 * <ul>
 * <li>{@code request}: sends the request body as messages (a {@code String} as text, a
 * {@code byte[]} as binary, any other object as JSON text, a {@code Publisher} as one
 * message per element) and completes with the first reply as the response body; the
 * connection is then closed.</li>
 * <li>{@code stream}: sends the same, and delivers every reply as one element, decoded
 * by the client's codecs, until the server closes the WebSocket.</li>
 * <li>{@code session}: a full-duplex session (this transport is a
 * {@link dev.connector.transport.SessionTransport}).</li>
 * </ul>
 * The handshake carries the client's headers, the request's headers and the credentials of
 * the client's authenticator; it is retried as a call is, and a status other than 101 is
 * the call's {@code ResponseException}. Once the handshake completed nothing is retried. A
 * connection that drops, or that delivers no message and no pong within
 * {@code stream.idle-timeout}, fails with a {@code TransportException}; an open WebSocket
 * sends a ping every {@code websocket.ping-interval}. From the client's settings it also
 * applies the connect timeout, {@code max-in-memory-size} (per message), the proxy, and
 * {@code compression} (permessage-deflate, when the server agrees). Messages are counted
 * in the log at {@code logging.level} {@code basic} and above, and logged only at
 * {@code body}.
 *
 * @since 0.1.0
 */
public final class WebSocketTransportFactory implements TransportFactory {

	/** The type name of this transport. */
	public static final String TYPE = "websocket";

	private final MessageEncoder encoder;

	private final WebSocketClientConfigurer configurer;

	/**
	 * Create a factory whose transports write messages with the default codecs.
	 */
	public WebSocketTransportFactory() {
		this((codecs) -> {
		});
	}

	/**
	 * Create a factory whose transports write messages with the default codecs as the
	 * given configurer changes them, such as Spring Boot's {@code CodecCustomizer}s, so
	 * that objects are written with the application's {@code ObjectMapper}.
	 * @param codecs called once with the codec configurer
	 */
	public WebSocketTransportFactory(Consumer<ClientCodecConfigurer> codecs) {
		this(codecs, WebSocketTransportFactory::withoutBundles);
	}

	/**
	 * Create a factory whose transports write messages with the given codecs and connect
	 * with clients the given configurer finishes, such as with an SSL bundle's material.
	 * @param codecs called once with the codec configurer
	 * @param configurer finishes each client's {@code HttpClient}
	 */
	public WebSocketTransportFactory(Consumer<ClientCodecConfigurer> codecs, WebSocketClientConfigurer configurer) {
		Objects.requireNonNull(codecs, "codecs must not be null");
		this.configurer = Objects.requireNonNull(configurer, "configurer must not be null");
		ClientCodecConfigurer codecConfigurer = ClientCodecConfigurer.create();
		codecs.accept(codecConfigurer);
		this.encoder = new MessageEncoder(codecConfigurer);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Transport create(ClientSettings settings) {
		if (settings.baseUrl() == null) {
			throw new ConfigurationException(settings.name(), "url", "is required for a websocket client",
					"Set the client's url to the upstream's WebSocket URL, such as ws://localhost:8082/quotes.");
		}
		String scheme = settings.baseUrl().getScheme();
		if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
			throw new ConfigurationException(settings.name(), "url",
					"'" + settings.baseUrl() + "' has scheme '" + scheme + "' but a websocket client needs ws or wss",
					"Use a ws:// or wss:// URL, or choose the transport that speaks " + scheme + ".");
		}
		ChannelGroup connections = new DefaultChannelGroup("connector-" + settings.name() + "-websocket",
				GlobalEventExecutor.INSTANCE);
		// no pool: a WebSocket connection serves one call or session, then closes
		HttpClient client = HttpClient.newConnection()
			.doOnConnected((connection) -> connections.add(connection.channel()))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
		if (settings.proxy().enabled()) {
			client = PooledHttpClient.proxy(client, settings.proxy());
		}
		if (!settings.headers().isEmpty()) {
			// once per client; each handshake sets its request's own headers over them
			client = client.headers((headers) -> settings.headers().forEach(headers::set));
		}
		client = this.configurer.configure(settings, client);
		WebsocketClientSpec spec = WebsocketClientSpec.builder()
			.maxFramePayloadLength(settings.maxInMemorySize())
			.compress(settings.compression())
			.build();
		return new WebSocketTransport(settings, client, spec, this.encoder, connections);
	}

	/**
	 * Without Spring Boot's SSL bundles: {@code wss://} with the JDK's trust store, and
	 * {@code ssl.bundle} refused.
	 */
	private static HttpClient withoutBundles(ClientSettings settings, HttpClient client) {
		if (settings.ssl().bundle() != null) {
			throw new ConfigurationException(settings.name(), "ssl.bundle",
					"names an SSL bundle, which only the Spring Boot starter can resolve",
					"Use the Spring Boot starter, or give WebSocketTransportFactory a WebSocketClientConfigurer "
							+ "that applies the TLS material.");
		}
		return "wss".equalsIgnoreCase(settings.baseUrl().getScheme()) ? client.secure() : client;
	}

}
