package dev.connector.autoconfigure;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorSession;
import dev.connector.TransportException;
import dev.connector.test.TestCertificates;
import dev.connector.test.WebSocketServer;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.websocket.WebSocketTransportFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code websocket} transport in a Spring Boot application: available by its type,
 * configured by properties, writing with the application's codecs, replaceable.
 */
class WebSocketTransportAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.jackson());

	@AutoClose
	private final WebSocketServer server = WebSocketServer.upgrading(WebSocketServer.echo("echo: "));

	@Test
	void clientWithTransportWebsocketConfiguredByPropertiesWorksEndToEnd() {
		this.contextRunner
			.withPropertyValues("connector.clients.quotes.transport=websocket",
					"connector.clients.quotes.url=" + this.server.url() + "/quotes",
					"connector.clients.quotes.headers.X-Caller=orders-service",
					"connector.clients.quotes.websocket.ping-interval=5s")
			.run((context) -> {
				Connector quotes = context.getBean("quotes", Connector.class);
				assertThat(quotes.settings().websocket().pingInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(quotes.blocking().request(ConnectorRequest.get("").body("hello").build(), String.class))
					.isEqualTo("echo: hello");
				ConnectorSession session = quotes.session(ConnectorRequest.get("/chat").build())
					.block(Duration.ofSeconds(5));
				StepVerifier.create(session.send(Flux.just("a", "b")).thenMany(session.receive(String.class).take(2)))
					.expectNext("echo: a", "echo: b")
					.verifyComplete();
				session.close().block(Duration.ofSeconds(5));
				assertThat(this.server.handshakes()).hasSize(2)
					.allSatisfy((headers) -> assertThat(headers.get("X-Caller")).isEqualTo("orders-service"));
			});
	}

	@Test
	void messagesAreWrittenWithTheApplicationsObjectMapper() {
		this.contextRunner
			.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE",
					"connector.clients.quotes.transport=websocket", "connector.clients.quotes.url=" + this.server.url())
			.run((context) -> {
				String reply = context.getBean(Connector.class)
					.blocking()
					.request(ConnectorRequest.get("").body(new Order("ACME", 3)).build(), String.class);
				assertThat(reply).isEqualTo("echo: {\"stock_symbol\":\"ACME\",\"quantity\":3}");
			});
	}

	@Test
	void wssIsVerifiedAgainstTheClientsSslBundle() {
		TestCertificates.Certificate certificate = TestCertificates.server();
		DisposableServer secure = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((ssl) -> ssl.sslContext(
					Http11SslContextSpec.forServer(certificate.privateKey(), certificate.certificate())))
			.handle((request, response) -> response.sendWebsocket(WebSocketServer.echo("secure: ")))
			.bindNow();
		try {
			String url = "wss://127.0.0.1:" + secure.port();
			this.contextRunner.withConfiguration(BootLine.sslAndHttpConnector())
				.withPropertyValues("connector.clients.trusted.transport=websocket",
						"connector.clients.trusted.url=" + url, "connector.clients.trusted.ssl.bundle=upstream",
						"spring.ssl.bundle.pem.upstream.truststore.certificate=" + certificate.certificateLocation(),
						"connector.clients.untrusted.transport=websocket", "connector.clients.untrusted.url=" + url,
						"connector.clients.untrusted.retry.enabled=false", "connector.default-client=trusted")
				.run((context) -> {
					assertThat(context.getBean("trusted", Connector.class)
						.blocking()
						.request(ConnectorRequest.get("").body("hello").build(), String.class))
						.isEqualTo("secure: hello");
					assertThatExceptionOfType(TransportException.class)
						.isThrownBy(() -> context.getBean("untrusted", Connector.class)
							.blocking()
							.request(ConnectorRequest.get("").body("hello").build(), String.class))
						.withMessageContaining("not trusted")
						.withMessageContaining("connector.clients.untrusted.ssl.bundle");
				});
		}
		finally {
			secure.disposeNow(Duration.ofSeconds(5));
		}
	}

	@Test
	void unknownSslBundleStopsStartUpNamingTheProperty() {
		this.contextRunner.withConfiguration(BootLine.sslAndHttpConnector())
			.withPropertyValues("connector.clients.quotes.transport=websocket",
					"connector.clients.quotes.url=wss://127.0.0.1:9", "connector.clients.quotes.ssl.bundle=missing")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("connector.clients.quotes.ssl.bundle")
				.hasMessageContaining("'missing'"));
	}

	@Test
	void userTransportFactoryOfTypeWebsocketReplacesTheShippedOne() {
		this.contextRunner.withBean("myWebSocketTransportFactory", WebSocketTransportFactory.class,
				WebSocketTransportFactory::new)
			.run((context) -> assertThat(context.getBeansOfType(TransportFactory.class))
				.containsOnlyKeys("myWebSocketTransportFactory", "httpTransportFactory",
					"nettyTransportFactory"));
	}

	record Order(String stockSymbol, int quantity) {
	}

}
