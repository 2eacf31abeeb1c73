package dev.connector.test;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.connector.Connector;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.http.HttpTransportFactory;
import dev.connector.transport.netty.NettyTransportFactory;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The transport a test of {@link EachHttpTransport} runs on: builds clients of that type.
 *
 * @param type the transport type, {@code http} or {@code netty}
 */
public record HttpTransportUnderTest(String type) {

	/** Every transport that speaks HTTP. */
	public static final List<HttpTransportUnderTest> ALL = List.of(new HttpTransportUnderTest(HttpTransportFactory.TYPE),
			new HttpTransportUnderTest(NettyTransportFactory.TYPE));

	/**
	 * Start building a client on this transport (the default registry knows both types).
	 * @param name the client's name
	 * @return the builder, its settings' transport set
	 */
	public Connector.Builder builder(String name) {
		return Connector.builder(name).settings((settings) -> settings.transport(this.type));
	}

	/**
	 * Return a factory of this transport whose clients' {@code HttpClient} is adjusted, as an
	 * application adjusts it for its own TLS material.
	 * @param httpClient adjusts each client's prepared {@code HttpClient}
	 * @return the factory
	 */
	public TransportFactory factory(UnaryOperator<HttpClient> httpClient) {
		if (NettyTransportFactory.TYPE.equals(this.type)) {
			return new NettyTransportFactory((codecs) -> {
			}, (settings, prepared) -> {
				HttpClient adjusted = httpClient.apply(prepared);
				return () -> adjusted;
			});
		}
		return new HttpTransportFactory(WebClient::builder,
				(settings, prepared) -> new ReactorClientHttpConnector(httpClient.apply(prepared)));
	}

	@Override
	public String toString() {
		return this.type;
	}

}
